"""Reading the registry: safe YAML with places, validation against the models, loading the folder."""
