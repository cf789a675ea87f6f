"""The framework adapter tests: real frameworks on tiny CPU models.

They need the packages of ``tests/requirements-frameworks.txt`` (``./dev setup``
installs them); where one is missing its tests are skipped, saying so.
"""

import os

# Keras 3 picks its backend at import: torch is the one installed for these tests.
os.environ.setdefault("KERAS_BACKEND", "torch")
