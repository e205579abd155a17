"""The drafting app (Textual). Only this package imports Textual; the engine never does."""
