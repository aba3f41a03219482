"""Widgets the screens are made of; they never import a screen or the app."""
