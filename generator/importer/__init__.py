"""`import`: a city's existing items, from its spreadsheets and the platform's exchange tables, into the registry.

Reading (`sources`), translating with a mapping (`mappings`, `values`, `codes`), building items
(`rows`), naming files (`slugs`), writing without losing a hand edit (`writer`), and the run that
ties them together and checks what it wrote (`run`).
"""
