"""Claims proposed from an article's text: the extractor's stages, one module each.

Open :mod:`reconcile.extraction.pipeline` first (:func:`extract`, :class:`Extraction`). The package is named
``extraction`` so that ``reconcile.extract`` stays the function.
"""

from .parse import ModelError
from .pipeline import Extraction, extract, extract_many

__all__ = ["Extraction", "ModelError", "extract", "extract_many"]
