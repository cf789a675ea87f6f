"""Live plots for training frameworks, each a thin callback in its own module.

- ``livescope.integrations.keras.KerasCallback``
- ``livescope.integrations.lightning.LightningCallback``
- ``livescope.integrations.transformers.TransformersCallback``

Importing a module imports its framework; livescope itself needs none of them.
"""
