"""Writes of this app (one transaction each, scope checked): see the models."""
