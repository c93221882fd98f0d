"""我要办: the finder's index, built with lunr.py at build time and queried by lunr.js in the browser.

One tokenizer definition (tokenize.py here, gov-tokenize.js in the browser) is checked against one
file of test vectors on both sides.
"""
