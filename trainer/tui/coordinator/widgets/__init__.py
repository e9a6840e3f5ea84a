"""Widgets of the coordinator dashboard."""
