"""Developer and editor tools: item scaffold, JSON Schemas, synthetic registries, CODEOWNERS, link check."""
