"""Terms of art explained where a page first names them (承诺件, 容缺后补, 通办范围 …): templates print every
term through `term(word)`, and the first time a page does, it comes with its explanation from
`wording.TERMS`. Without a script the term links to its entry on the 名词解释 page; gov.js makes it a
button that shows and hides the explanation in place (keyboard, touch and screen readers alike)."""

from __future__ import annotations

from markupsafe import Markup, escape

from generator.wording import TERM_MORE, TERMS

GLOSSARY_URL = "glossary/"


class PageTerms:
    """The terms one page has explained so far; `__call__` is the templates' `term`."""

    def __init__(self, glossary_href: str):
        self.glossary = glossary_href
        self.seen: set[str] = set()

    def __call__(self, word: object, shown: object = None, cls: str = "", strong: bool = False) -> Markup:
        """`word` with its explanation the first time this page names it; `shown`: the text printed for
        it when that differs (即办 for 即办件); `cls`: classes of the word (a badge); `strong`: the word
        (not its explanation) in <strong>. A word that is not a term, or one the page has explained
        already, is printed as it is."""
        text = str(shown if shown is not None else word)
        term = TERMS.get(str(word))
        if term is None or term.key in self.seen:
            plain = Markup('<span class="{}">{}</span>').format(cls, text) if cls else escape(text)
            return Markup("<strong>{}</strong>").format(plain) if strong else plain
        self.seen.add(term.key)
        href = f"{self.glossary}#{term.key}"
        shown_word = Markup('<a class="gov-term__word {cls}" href="{href}" data-gov-term="gov-term-{key}">{text}</a>')
        shown_word = shown_word.format(cls=cls, href=href, key=term.key, text=text)
        if strong:
            shown_word = Markup("<strong>{}</strong>").format(shown_word)
        return Markup(
            '<span class="gov-term">{word}<span class="gov-term__text" id="gov-term-{key}" hidden>{means}'
            '<a href="{href}">{more}</a></span></span>'
        ).format(word=shown_word, key=term.key, means=term.means, href=href, more=TERM_MORE)
