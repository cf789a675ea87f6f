"""Handle shell messages while a cell is busy (placeholder until the kernel support lands)."""


def poll_shell() -> None:
    """Handle shell messages that arrived while the current cell is busy."""
