"""Actor resolution: entity mentions -> countries, people and organisations."""
from .resolve import DocContext, EntityActor, resolve_entity

__all__ = ["DocContext", "EntityActor", "resolve_entity"]
