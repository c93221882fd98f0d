"""质量报告 (quality report per department): the model, and its Markdown, JSON and xlsx renderings."""
