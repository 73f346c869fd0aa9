"""Report sections, one module per part of the memo, in the order an analyst reads."""
