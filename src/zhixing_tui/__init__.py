"""zhixing 执行 — enforcement affairs desk."""

__version__ = "0.1.0"
