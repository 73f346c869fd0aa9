"""Importers and exporters that connect parley to other negotiation tools."""
