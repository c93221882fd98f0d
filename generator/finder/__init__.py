"""我要办: the finder's index, weighted at build time (index.py) and summed by finder.js in the browser.

One tokenizer definition (tokenize.py here, gov-tokenize.js in the browser) is checked against one
file of test vectors on both sides.
"""
