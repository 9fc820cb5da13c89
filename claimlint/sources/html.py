"""HTML pages: a streaming parse that records the source offset of every piece of text.

Beautiful Soup gives positions for tags only, so the walk uses the standard library's
``html.parser`` (the parser Beautiful Soup's default builder wraps) with character
references left undecoded, so each text run, entity and attribute value is mapped to its
exact offset. Beautiful Soup decodes the bytes (BOM, declared charset, detection).
"""

from __future__ import annotations

import html
import re
from collections.abc import Collection
from dataclasses import dataclass, field, replace
from html.parser import HTMLParser

from claimlint.sources.common import BlockSink, add_raw, foreign_language, page_text, parse_directive
from claimlint.sources.model import Block, BlockKind, Document, Suppression, TableCell, TextBuilder

SKIPPED = frozenset({"script", "style", "template", "noscript", "svg", "math", "code", "pre", "kbd", "samp",
                     "textarea", "select", "iframe", "object", "canvas", "head"})
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
                  "source", "track", "wbr"})
_BLOCK_KINDS: dict[str, BlockKind] = {
    **{f"h{level}": "heading" for level in range(1, 7)},
    "li": "list_item", "dt": "list_item", "dd": "list_item",
    "td": "table_cell", "th": "table_cell",
    "blockquote": "quote",
    "title": "title",
}
BLOCK_TAGS = frozenset({
    "p", "div", "section", "article", "aside", "header", "footer", "nav", "main", "body", "html",
    "ul", "ol", "dl", "table", "thead", "tbody", "tfoot", "tr", "caption", "figure", "figcaption",
    "form", "fieldset", "legend", "details", "summary", "address", "hr", "button", "label", "option",
    "center", "menu", "dialog", "hgroup",
}).union(_BLOCK_KINDS)
_META_FIELDS: dict[str, BlockKind] = {
    "description": "meta_description",
    "og:description": "meta_description",
    "twitter:description": "meta_description",
    "og:title": "title",
    "twitter:title": "title",
}
_ATTRIBUTE = re.compile(r"""(?P<name>[^\s"'>/=]+)(?:\s*=\s*(?P<value>"[^"]*"|'[^']*'|[^\s"'=<>`]+))?""")
_STACK_SEARCH = 64  # how far down the open elements an end tag may close: bounds malformed pages

_NAVIGATING_ROLES = frozenset({"tab", "menuitem", "menuitemradio", "menuitemcheckbox", "navigation"})
# a cookie-consent banner's class or id (Squarespace "sqs-cookie-banner-v2", Complianz
# "cmplz-cookiebanner", OneTrust, Cookiebot), not a page's modifier ("cookie-banner-enabled")
_CONSENT_TOKEN = re.compile(
    r"(?:[a-z0-9]+[-_])*?(?:cookie[-_]?(?:banner|bar|notice|notification|consent|popup|modal|dialog|law)s?|cookieconsent"
    r"|[a-z0-9]*cookiebot[a-z0-9]*|onetrust[-_a-z0-9]*|cc[-_](?:window|banner)|gdpr[-_](?:banner|notice|consent))"
    r"(?:[-_](?:v\d+|container|wrapper|text|content|inner|message|body|overlay|root|dialog))*", re.IGNORECASE)
_CONSENT_WORDS = ("cookie", "onetrust", "cc-", "cc_", "gdpr")  # one of these is in every name the pattern takes


def _consent_banner(attributes: dict[str, str | None]) -> bool:
    """Whether an element is a cookie-consent banner, site chrome that names no capability of
    the product ("We use cookies for site analytics")."""
    names = f"{attributes.get('class') or ''} {attributes.get('id') or ''}"
    lowered = names.lower()
    if not any(word in lowered for word in _CONSENT_WORDS):
        return False  # every element passes here: most have none of the words the pattern needs
    return any(_CONSENT_TOKEN.fullmatch(name) for name in names.split())


# what docs generators put in a heading's permalink (MkDocs and Sphinx "¶", Hugo "#")
_PERMALINK_MARKS = frozenset({"\u00b6", "\u00a7", "#", "\U0001f517", "\u2693"})
# a footnote's marker as a superscript: "1", "*", "†", "[2]", "(a)"
_FOOTNOTE_MARK = re.compile(r"\s*[\[(]?(?:\d{1,2}|[a-z]|[*\u2020\u2021\u00a7\u00b6]{1,3})[\])]?\s*$")


@dataclass
class _Element:
    tag: str
    skipped: bool
    start: tuple[int, int]
    role: str | None = None  # the table element an ARIA role makes of it ("tr" for role="row")
    # in a table cell, the element's aria-label or title, read only if the element holds no text
    # of its own (an icon's "Included"; not a tooltip over a row header's words)
    labels: list[tuple[str, int]] = field(default_factory=list)
    builder: TextBuilder | None = None
    text_at: int = 0
    struck: bool = False  # <s>, <del>, or a line-through class
    excludes: bool = False  # an entry marked as not included (see _EXCLUDED_CLASS)
    number: int = 0  # the element's number in the page, for finding grids of <div>s
    navigates: bool = False  # a link, or a control read as one (a breadcrumb trail, a tab)


_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_HEADLINE_WORDS = 4  # a heading linked from within this long is a headline, not a menu entry
# what holds the text of a list item or a table cell without changing what it is
_WRAPPERS = frozenset({"p", "div"})
# ARIA roles that make <div> grids tables, as pricing and comparison grids are often built
_ROLE_TAGS = {"table": "table", "grid": "table", "treegrid": "table", "row": "tr", "rowheader": "th",
              "columnheader": "th", "cell": "td", "gridcell": "td"}
_TABLE_TAGS = frozenset({"table", "thead", "tbody", "tfoot", "tr", "td", "th"})

# How pricing cards show what a plan lacks, in a list of what it has: the entry's class
# ("feature--disabled", "is-unavailable", "not-included"), a cross icon before its words
# (<i class="fa fa-times">, <svg class="icon-x">, <img src="cross.svg">, an icon labelled "Not
# included"), or all of its words struck through (<del>, <s>, Tailwind's "line-through").
_STRUCK_TAGS = frozenset({"s", "del", "strike"})
_STRUCK_CLASSES = frozenset({"line-through", "strikethrough", "strike-through", "strike", "is-strikethrough"})
_ENTRY_TAGS = frozenset({"li", "p", "div", "dt", "dd"})
_EXCLUDED_CLASS = re.compile(r"(?:^|[-_])(?:disabled|unavailable|excluded|not-?included|unchecked|"
                             r"line-through|strike-?through)$")
# a <div> that is an entry of a list ("pricing-feature is-disabled"), not a wrapper ("js-disabled")
_ENTRY_CLASS = re.compile(r"feature|item|benefit|perk|included|check")
_ICON_CLASS = re.compile(r"icon|^(?:fa[srlbd]?|bi|mdi|ti|ph|lucide|heroicons?|glyphicon|material-symbols\w*)(?:$|-)")
# one search over all of an element's classes before testing each: most have none of these words
_EXCLUSION_HINT = re.compile(r"disabled|unavailable|excluded|included|unchecked|through|strike")
_ICON_TAGS = frozenset({"i", "svg", "use", "img", "span", "em"})  # the elements icon sets draw with
# the names icon sets give a cross; not "close" or "minus", which are also a dialog's and an
# accordion's controls
_CROSS_PARTS = frozenset({"x", "times", "xmark", "cross", "cancel", "ban", "remove", "unavailable", "excluded"})
_CROSS_FILE = re.compile(r"(?:^|[-_])(?:cross|times|xmark|x-mark|cancel|not-included|unavailable)(?:$|[-_])|^(?:icon-?)?x$")
# the classes of to-do entries and checklists built of <div>s ("notion-to-do", "todo-item",
# "checklist-item"), and of a ticked one's box or body ("notion-to-do-checked", "checkbox-checked")
_TODO_CLASS = re.compile(r"(?:^|[-_])(?:to-?do|checklist)(?:[-_](?:item|block|body|entry))?$")
_TICKED_CLASS = re.compile(r"(?:^|[-_])(?:checked|ticked|completed|done)$")
_DASH_PARTS = frozenset({"minus", "dash"})  # in a grid's cell, a dash is "no"
_CHECK_PART = re.compile(r"check(?:mark|ed)?\d?|tick|included|yes")
_CHECK_LABEL = re.compile(r"\s*(?:included|available|yes|check(?:mark)?|[✓✔])\s*", re.IGNORECASE)
_CROSS_LABEL = re.compile(r"\s*(?:not included|not available|unavailable|excluded|no|cross|[✗✘✕✖❌])\s*", re.IGNORECASE)


@dataclass
class _Table:
    index: int
    row: int = -1
    column: int = 0
    in_head: bool = False


@dataclass
class _Cell:
    position: TableCell
    marks: set[str] = field(default_factory=set)


class _Walker(HTMLParser):
    def __init__(self, text: str, base: int, sink: BlockSink, skip_at: Collection[tuple[int, int]]) -> None:
        super().__init__(convert_charrefs=False)
        self.page = text
        self.base = base
        self.sink = sink
        self.skip_at = skip_at
        self.line_starts = [0]
        self.line_starts += [match.end() for match in re.finditer("\n", text)]
        self.stack: list[_Element] = []
        self.skip_depth = 0
        self.builder = TextBuilder()
        self.tables: list[_Table] = []
        self.cells: list[_Cell] = []
        self.suppressions: list[Suppression] = []
        self.after_inline_end = -1  # where the last end tag finished, to spot adjacent inline elements
        self.figure: TextBuilder | None = None  # a lone figure waiting for its label
        self.figure_level = 0  # the heading level of that figure ("<h2>99.99%</h2>"), 0 for a paragraph
        self.figure_path: tuple[int, ...] | None = None  # the elements open around that figure
        # a definition list's short term waiting for its value, and the number of its <dl>
        self.term: tuple[TextBuilder, int] | None = None
        self.icon_mark: str | None = None  # "check" or "cross": an icon that is all the block holds so far
        self.ticked = False  # the current block is a task list's entry ticked off
        self.controlled: set[str] = set()  # ids that buttons and tabs show and hide (aria-controls)
        self.bold_depth = 0  # open <strong> and <b> elements
        self.link_depth = 0  # open <a> elements
        self.bold_text = self.plain_text = False  # the current block has words in bold, words not in bold
        self.struck_depth = 0  # open struck-through elements
        self.elements = 0  # elements opened so far: each one's number
        self.excluding = 0  # open elements that mark an entry as not included
        self.struck_text = self.clear_text = False  # the current block has words struck through, words not

    # -- positions --
    def source_offset(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    # -- blocks --
    def current_kind(self) -> tuple[BlockKind, int]:
        # "<li><p>Open Settings.</p></li>", "<td><div><p>✓</p></div></td>": rich-text editors,
        # loose Markdown lists and exports wrap an item's or a cell's text in paragraphs
        wrapped = False
        for element in reversed(self.stack[-_STACK_SEARCH:]):
            kind = _BLOCK_KINDS.get(element.role or element.tag)
            if kind is not None:
                if wrapped and kind not in ("list_item", "table_cell"):
                    break
                return kind, int(element.tag[1]) if kind == "heading" else 0
            if element.tag in _WRAPPERS:
                wrapped = True
            elif element.tag in BLOCK_TAGS:
                break
        return "paragraph", 0

    def in_wrapping_link(self) -> bool:
        """Whether a link encloses the heading being read (a card or a menu entry)."""
        if not self.link_depth:
            return False
        heading = next((i for i in range(len(self.stack) - 1, -1, -1) if self.stack[i].tag in _HEADINGS), None)
        return heading is None or any(element.tag == "a" for element in self.stack[:heading])

    def definition_list(self) -> tuple[int, str]:
        """The number of the <dl> the current entry is in and the entry's tag ("dt" or "dd");
        (0, "") outside a definition list."""
        entry = ""
        for element in reversed(self.stack[-_STACK_SEARCH:]):
            if element.tag in ("dt", "dd") and not entry:
                entry = element.tag
            elif element.tag == "dl":
                return (element.number, entry) if entry else (0, "")
            elif element.tag in ("li", "td", "th", "ul", "ol", "table"):
                break
        return 0, ""

    def in_todo(self) -> bool:
        """Whether the current element is inside an entry read as a list item by its role or class."""
        return any(element.role == "li" for element in self.stack[-_STACK_SEARCH:])

    def in_ordered_list(self) -> bool:
        for element in reversed(self.stack[-_STACK_SEARCH:]):
            if element.tag in ("ol", "ul", "menu"):
                return element.tag == "ol"
        return False

    def flush(self) -> None:
        if self.builder.empty and not (self.cells and self.cells[-1].marks) and self.icon_mark is None:
            return
        kind, level = self.current_kind()
        cell = self.cells[-1] if kind == "table_cell" and self.cells else None
        # the open elements, for finding grids of <div>s (whose cells are paragraphs and headings)
        path = None if self.tables or kind not in ("paragraph", "heading") else tuple(e.number for e in self.stack)
        if self.figure is not None:
            figure, self.figure = self.figure, None
            # Divi's number counter captions its figure with a heading of the same widget
            # ("<p>3,200+</p><h3>Servers worldwide</h3>"): only right beside it, not a card apart
            if (kind == "paragraph" and _near(self.figure_path, path)
                    or kind == "heading" and not self.figure_level and _near(self.figure_path, path, 2)) \
                    and _labels_figure(figure, self.builder):
                figure.extend(self.builder)
                self.builder = figure
            else:
                self.emit_figure(figure)
        if self.term is not None:
            (term, term_list), self.term = self.term, None
            if kind == "list_item" and self.definition_list() == (term_list, "dd") and _short_value(self.builder):
                # "<dt>Storage</dt><dd>100 GB</dd>": a term and its short value read as one
                # entry, "Storage: 100 GB", as a plan's limits and a stat's figures are set out
                term.extend(self.builder, ":")
                self.builder = term
            else:
                self.sink.emit(term, "list_item")
        if kind == "list_item":
            term_list, entry = self.definition_list()
            if entry == "dt" and _short_term(self.builder):
                self.term = (self.builder, term_list)
                self.next_block()
                return
        text = self.builder.text()
        if (kind == "paragraph" or (kind == "heading" and (_MARKED_FIGURE.search(text) or _BARE_FIGURE.fullmatch(text))))\
                and _FIGURE.match(text):
            # a stat widget's figure ("99.99%", also set as a heading) waits for its label
            # ("uptime, last 12 months"); a heading of a bare number ("2024") is a heading
            self.figure = self.builder
            self.figure_level = level if kind == "heading" else 0
            self.figure_path = path
            self.next_block()
            return
        self.builder.close_link()  # a link around several blocks ends with each of them
        if kind == "heading" and self.builder.links and len(text.split()) >= _HEADLINE_WORDS and not self.in_wrapping_link():
            # "<h2><a href="/changelog/...">Partial submissions now keep files</a></h2>": a
            # headline's permalink, not a menu entry; a card's title inside a link stays a link
            self.builder.links.clear()
        self.sink.emit(
            self.builder,
            kind,
            ordered=kind == "list_item" and self.in_ordered_list(),
            level=level,
            cell=cell.position if cell else None,
            marks=frozenset(cell.marks) if cell else frozenset((self.icon_mark,)) if self.icon_mark and self.builder.empty
            else frozenset(),
            bold=self.bold_text and not self.plain_text,
            excluded=kind in ("list_item", "paragraph") and ((self.struck_text and not self.clear_text) or self.excluding > 0),
            path=path,
            ticked=self.ticked and kind == "list_item",
        )
        self.next_block()

    def next_block(self) -> None:
        """Start the next block's text, with none of this one's weight, marks or state."""
        self.builder = self.new_builder(self.builder.anchor)
        self.bold_text = self.plain_text = False
        self.struck_text = self.clear_text = False
        self.icon_mark = None
        self.ticked = False

    def new_builder(self, anchor: int) -> TextBuilder:
        """A builder for the next block; inside a link that wraps blocks (a menu entry built of
        <div>s) its text is link text too."""
        builder = TextBuilder(anchor=anchor)
        if self.link_depth:
            builder.open_link()
        return builder

    # -- parser events --
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        position = self.getpos()
        if tag in VOID:
            self.void_element(tag, attrs)
            return
        attributes = dict(attrs)
        controls = attributes.get("aria-controls")
        if controls:
            self.controlled.update(controls.split())
        # a hidden element is read when a control shows it: an accordion's answer or a tab's panel,
        # which a button names in aria-controls; other hidden text (a menu's alternate label) is not
        skipped = tag in SKIPPED or position in self.skip_at or (
            "hidden" in attributes and (attributes.get("id") or "") not in self.controlled) or (
            tag not in ("html", "body", "main") and _consent_banner(attributes))
        language = attributes.get("lang") or attributes.get("xml:lang")
        if language and foreign_language(language):
            skipped = True  # a passage in another language ("<blockquote lang="de">"), or the whole page
            if tag in ("html", "body"):
                self.sink.declare_language(language, f'<{tag} lang="{language}">')
        role = None if tag in _TABLE_TAGS else _ROLE_TAGS.get((attributes.get("role") or "").strip().lower())
        names = (attributes.get("class") or "").lower()
        if role is None and tag in BLOCK_TAGS and tag not in _BLOCK_KINDS and names and ("do" in names or "checklist" in names) \
                and any(_TODO_CLASS.search(name) for name in names.split()):
            # the to-dos of Notion pages and checklist widgets laid out with <div>s are list items
            # (not every role="listitem": site builders give it to a repeater's rows and cards)
            role = "li"
        if names and (role == "li" or self.in_todo()) and any(_TICKED_CLASS.search(name) for name in names.split()):
            self.ticked = True  # "notion-to-do-checked", "checkbox-checked": ticked off
        structure = role or tag  # what the element is in a table
        if tag in ("p", "li", "dt", "dd", "td", "th", "tr", "option"):
            self.close_implied(tag)
        if tag in BLOCK_TAGS or tag == "pre":
            self.flush()
        if tag == "pre" and not self.skip_depth:
            self.sink.code_follows()
        if structure == "table":
            self.tables.append(_Table(self.sink.new_table()))
        elif self.tables and structure == "thead":
            self.tables[-1].in_head = True
        elif self.tables and structure in ("tbody", "tfoot"):
            self.tables[-1].in_head = False
        elif self.tables and structure == "tr":
            self.tables[-1].row += 1
            self.tables[-1].column = 0
        elif self.tables and structure in ("td", "th"):
            table = self.tables[-1]
            cell = TableCell(table.index, max(table.row, 0), table.column, structure == "th" or table.in_head)
            span = attributes.get("colspan") or attributes.get("aria-colspan")
            table.column += _span(span)
            self.cells.append(_Cell(cell))
            self.flush()
            self.builder = self.new_builder(self.base + self.source_offset())
        labels = self.collect_marks(attrs, deferred=True) if self.cells and not self.skip_depth else []
        classes = names.split()
        hint = _EXCLUSION_HINT.search(names) is not None if names else False
        struck = tag in _STRUCK_TAGS or (hint and not _STRUCK_CLASSES.isdisjoint(classes))
        excludes = hint and any(_EXCLUDED_CLASS.search(name) for name in classes) and (
            (role or tag) == "li" or ((role or tag) in _ENTRY_TAGS and any(_ENTRY_CLASS.search(name) for name in classes)))
        if tag in _ICON_TAGS and not excludes and not self.cells and not self.skip_depth \
                and not (self.plain_text or self.bold_text):
            self.note_cross(tag, classes, attributes)
            self.note_mark(tag, classes, attributes)
        # a breadcrumb trail's current page, a tab's label, a menu's items (an API reference's
        # sidebar) and whatever a <nav> holds (a docs site's current page in its sidebar) navigate
        # like links, though they are not
        navigates = tag in ("a", "nav") or (attributes.get("role") or "").strip().lower() in _NAVIGATING_ROLES or (
            "breadcrumb" in names or "breadcrumb" in (attributes.get("aria-label") or "").lower())
        if navigates and not (tag != "a" and self.link_depth):
            self.builder.open_link()
            self.link_depth += 1
        else:
            navigates = False
        if self.after_inline_end == self.source_offset() and tag not in BLOCK_TAGS:
            # "<strong>99.99%</strong><span>uptime</span>": stat widgets and badges set
            # adjacent inline elements apart with CSS; read them as separate words
            self.builder.space(self.base + self.source_offset())
        self.elements += 1
        self.stack.append(_Element(tag, skipped, position, role, labels, self.builder, len(self.builder), struck, excludes,
                                   self.elements, navigates))
        if skipped:
            self.skip_depth += 1
        if struck:
            self.struck_depth += 1
        if excludes:
            self.excluding += 1
        if tag in ("strong", "b"):
            self.bold_depth += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID:
            self.void_element(tag, attrs)
        else:
            self.handle_starttag(tag, attrs)
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.stack) - 1, max(len(self.stack) - _STACK_SEARCH, 0) - 1, -1):
            if self.stack[depth].tag == tag:
                break
        else:
            if tag in ("p", "br"):  # browsers treat a stray </p> or </br> as a break
                self.flush() if tag == "p" else self.builder.space(self.source_offset())
            return
        self.release_labels(depth)
        if tag in BLOCK_TAGS or any(e.tag in BLOCK_TAGS for e in self.stack[depth + 1 :]):
            self.flush()
        while len(self.stack) > depth:
            self.pop()
        raw_end = self.page.find(">", self.source_offset())
        self.after_inline_end = raw_end + 1 if raw_end != -1 else -1

    def pop(self) -> None:
        element = self.stack.pop()
        if element.skipped:
            self.skip_depth -= 1
        if element.struck:
            self.struck_depth -= 1
        if element.excludes:
            self.excluding -= 1
        if element.tag in ("strong", "b"):
            self.bold_depth -= 1
        if element.navigates:
            self.builder.close_link()
            self.link_depth -= 1
        if element.tag == "a":
            return
        if (element.role or element.tag) in ("td", "th") and self.cells:
            self.cells.pop()
        elif (element.role or element.tag) == "table" and self.tables:
            self.tables.pop()

    def close_implied(self, tag: str) -> None:
        """A new <li>, <p>, <td>... closes an open one of its kind, as browsers do."""
        closes = {"td": ("td", "th"), "th": ("td", "th"), "dt": ("dt", "dd"), "dd": ("dt", "dd")}.get(tag, (tag,))
        barrier = {"li": ("ul", "ol", "menu"), "td": ("tr", "table"), "th": ("tr", "table"),
                   "tr": ("table", "thead", "tbody", "tfoot"), "dt": ("dl",), "dd": ("dl",)}.get(tag, ())
        for depth in range(len(self.stack) - 1, max(len(self.stack) - _STACK_SEARCH, 0) - 1, -1):
            open_tag = self.stack[depth].tag
            if open_tag in barrier:
                return
            if open_tag in closes:
                self.release_labels(depth)
                self.flush()
                while len(self.stack) > depth:
                    self.pop()
                return
            if tag == "p" and open_tag in BLOCK_TAGS:
                return

    def void_element(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.skip_depth and not (tag == "meta" and self.in_head_only()):
            return
        if tag == "br":
            self.builder.space(self.source_offset())
        elif tag == "hr":
            self.flush()
        elif tag == "img":
            self.image(attrs)
        elif tag == "meta":
            self.meta(attrs)
        elif tag == "input" and self.cells:
            self.collect_marks(attrs)
        elif tag == "input" and self.builder.empty:
            attributes = dict(attrs)
            if (attributes.get("type") or "").lower() == "checkbox" and "checked" in attributes:
                self.ticked = True  # a task list's entry ticked off: "<li><input type="checkbox" checked> ..."

    def in_head_only(self) -> bool:
        return all(element.tag in ("head", "html") or not element.skipped for element in self.stack)

    def image(self, attrs: list[tuple[str, str | None]]) -> None:
        if self.cells:
            self.collect_marks(attrs)
            return
        if not (self.plain_text or self.bold_text) and not self.skip_depth:  # an icon before the entry's first word
            attributes = dict(attrs)
            classes = (attributes.get("class") or "").lower().split()
            self.note_cross("img", classes, attributes)
            self.note_mark("img", classes, attributes)
        located = self.attribute("alt")
        if located is None or not located[0].strip():
            return
        raw, start = located
        builder = TextBuilder()
        add_raw(builder, raw, start)
        self.sink.emit(builder, "alt_text")

    def meta(self, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        name = (attributes.get("name") or attributes.get("property") or "").lower()
        kind = _META_FIELDS.get(name)
        if kind is None:
            return
        located = self.attribute("content")
        if located is None:
            return
        raw, start = located
        builder = TextBuilder()
        add_raw(builder, raw, start)
        self.sink.emit(builder, kind, field_name=name)

    def collect_marks(self, attrs: list[tuple[str, str | None]], deferred: bool = False) -> list[tuple[str, int]]:
        """Check-mark icons carry their meaning in classes and labels, not in text. With
        ``deferred``, the labels are returned to be read when the element closes, if it held no text."""
        cell = self.cells[-1]
        labels = []
        for name, value in attrs:
            if not value:
                continue
            if name == "class":
                cell.marks.update(value.lower().split())
            elif name in ("aria-label", "title", "alt", "data-value"):
                located = self.attribute(name)
                if located is not None:
                    labels.append(located)
        if not deferred:
            for label in labels:
                self.add_label(*label)
            return []
        return labels

    def add_label(self, raw: str, start: int) -> None:
        self.builder.space(start)
        add_raw(self.builder, raw, start)
        self.builder.space(start + len(raw))

    def release_labels(self, depth: int) -> None:
        """Read the labels of the elements closing above ``depth`` that held no text."""
        for element in reversed(self.stack[depth:]):
            if element.labels and element.builder is self.builder and len(self.builder) == element.text_at:
                for label in element.labels:
                    self.add_label(*label)

    def attribute(self, wanted: str) -> tuple[str, int] | None:
        """The raw value of an attribute of the current start tag and its source offset."""
        raw_tag = self.get_starttag_text() or ""
        tag_start = self.source_offset()
        name_end = re.match(r"<[^\s/>]*", raw_tag)
        position = name_end.end() if name_end else 1
        for match in _ATTRIBUTE.finditer(raw_tag, position):
            if match.group("name").lower() != wanted:
                continue
            value = match.group("value")
            if value is None:
                return None
            start = match.start("value")
            if value[:1] in ("'", '"'):
                value, start = value[1:-1], start + 1
            return value, self.base + tag_start + start
        return None

    def handle_data(self, data: str) -> None:
        if self.skip_depth and not self.in_title():
            return
        if self.left_out(data):
            return
        self.builder.add(data, self.base + self.source_offset())
        self.note_weight(data)

    def left_out(self, text: str) -> bool:
        """Marks that are not words of the text they stand in: a footnote's marker
        ("Preview environments<sup>1</sup>") and a heading's permalink ("Hosted
        runners<a class="headerlink">¶</a>")."""
        if self.in_footnote_mark() and _FOOTNOTE_MARK.match(text):
            return True
        return bool(self.link_depth) and text.strip() in _PERMALINK_MARKS

    def in_footnote_mark(self) -> bool:
        """Inside a <sup>, or a link inside one (``<sup><a href="#fn1">1</a></sup>``)."""
        stack = self.stack
        return bool(stack) and (stack[-1].tag == "sup" or (stack[-1].tag == "a" and len(stack) > 1 and stack[-2].tag == "sup"))

    def note_weight(self, data: str) -> None:
        if data.strip():
            if self.bold_depth:
                self.bold_text = True
            else:
                self.plain_text = True
            if self.struck_depth:
                self.struck_text = True
            else:
                self.clear_text = True

    def note_cross(self, tag: str, classes: list[str], attributes: dict[str, str | None]) -> None:
        """An icon (one of _ICON_TAGS) before an entry's first word: a cross marks the entry as
        not included."""
        if tag in ("i", "svg", "use"):
            names = classes
        elif tag == "img":
            source = _file_stem(attributes.get("src"))
            names = [name for name in classes if _ICON_CLASS.search(name)]
            if _CROSS_FILE.search(source):
                names.append("cross")
        else:
            names = [name for name in classes if _ICON_CLASS.search(name)]
            if not names:
                return
        label = _icon_label(tag, attributes)
        cross = any(_CROSS_PARTS.intersection(re.split(r"[-_]", name)) for name in names) or bool(
            label and _CROSS_LABEL.fullmatch(label))
        if not cross:
            return
        for element in reversed(self.stack[-_STACK_SEARCH:]):
            if element.tag in ("a", "button", "td", "th") or element.role in ("td", "th"):
                return  # a control's icon, or a table cell's (read as the cell's mark)
            if (element.role or element.tag) in _ENTRY_TAGS:
                if not element.excludes:  # pop() counts it out again
                    element.excludes = True
                    self.excluding += 1
                return

    def note_mark(self, tag: str, classes: list[str], attributes: dict[str, str | None]) -> None:
        """A check or cross icon with no text before it in its block. If the block holds nothing
        else (a cell of a comparison grid built of <div>s, "<div><img src="check.svg"></div>"),
        it is kept as a block of its own, empty but for the mark, so the grid's rows line up."""
        if not self.builder.empty or self.link_depth or any(e.tag == "button" for e in self.stack[-_STACK_SEARCH:]):
            return
        names = [name for name in classes if _ICON_CLASS.search(name)]
        if tag == "img":
            names.append(_file_stem(attributes.get("src")))
        parts = {part for name in names for part in re.split(r"[-_]", name)}
        label = _icon_label(tag, attributes)
        if parts & _CROSS_PARTS or parts & _DASH_PARTS or (label and _CROSS_LABEL.fullmatch(label)):
            mark = "cross"
        elif any(_CHECK_PART.fullmatch(part) for part in parts) or (label and _CHECK_LABEL.fullmatch(label)):
            mark = "check"
        else:
            return
        self.icon_mark = mark
        self.builder.anchor = self.base + self.source_offset()

    def in_title(self) -> bool:
        return bool(self.stack) and self.stack[-1].tag == "title" and self.skip_depth == 1 and any(
            element.tag == "head" for element in self.stack
        )

    def handle_entityref(self, name: str) -> None:
        self.reference("&" + name)

    def handle_charref(self, name: str) -> None:
        self.reference("&#" + name)

    def reference(self, raw: str) -> None:
        if self.skip_depth and not self.in_title():
            return
        start = self.source_offset()
        if self.page.startswith(";", start + len(raw)):
            raw += ";"
        decoded = html.unescape(raw)
        if self.left_out(decoded):
            return
        if decoded == raw:
            self.builder.add(raw, self.base + start)
        else:
            self.builder.add_atomic(decoded, self.base + start, len(raw))
        self.note_weight(decoded)

    def handle_comment(self, data: str) -> None:
        line, column = self.getpos()
        suppression = parse_directive(data, line, column + 1)
        if suppression is not None:
            self.suppressions.append(suppression)

    def close(self) -> None:
        super().close()
        self.flush()
        if self.term is not None:
            self.sink.emit(self.term[0], "list_item")
            self.term = None
        if self.figure is not None:
            self.emit_figure(self.figure)
            self.figure = None

    def emit_figure(self, figure: TextBuilder) -> None:
        """A figure no label followed, as the block it was."""
        if self.figure_level:
            self.sink.emit(figure, "heading", level=self.figure_level, path=self.figure_path)
        else:
            self.sink.emit(figure, "paragraph", path=self.figure_path)


# A stat widget's figure on its own: "99.99%", "10k+", "50,000", "24/7", "4.9/5", "500 GB", "14", "2 days".
# A single bare digit is more often a step number than a figure.
_TIME_UNIT = r"(?:second|minute|hour|day|week|month|year)s?\b"
_FIGURE = re.compile(rf"^\s*[~≈<>]?\s*[$€£]?(?:\d[\d,.]*\d|\d\s*(?=[%+kKmMbB/]|{_TIME_UNIT}))\s*(?:%|\+|[kKmMbB]\+?|/\d+)?"
                     rf"(?:\s*(?:[A-Za-z]{{1,3}}\b|{_TIME_UNIT}))?\s*\+?\s*$")
# a figure that is more than a bare number: a heading of "2024" is a year, not a stat
_MARKED_FIGURE = re.compile(r"[%+$€£/,.]|\d\s*(?:[kKmMbB]\b|[A-Za-z]{2,})")
# a heading of a number of two digits or more that is not a year ("32", "150"): a stat's figure
# too; a single digit heads a step ("1", "2", "3" of "How it works")
_BARE_FIGURE = re.compile(r"\s*(?!(?:19|20)\d\d\s*$)\d{2,}\s*")
_FIGURE_LABEL_WORDS = 10
_FIGURE_GAP = 400  # characters of markup between a figure and its label, at most


def _labels_figure(figure: TextBuilder, label: TextBuilder) -> bool:
    """Whether ``label`` is the short caption right after a lone figure ("14" / "languages")."""
    words = label.text().split()
    if not words or len(words) > _FIGURE_LABEL_WORDS or not words[0][:1].isalpha():
        return False
    if len(words) == 1 and words[0].lower().strip(".*") in _CELL_VALUES:
        return False  # "150" beside "Unlimited": the next cell of a grid's row, not a caption
    return 0 <= label.source_span()[0] - figure.source_span()[1] <= _FIGURE_GAP


_CELL_VALUES = frozenset({"unlimited", "included", "yes", "no", "custom", "none", "n/a", "add-on", "addon", "beta",
                          "soon", "unavailable", "available", "optional"})


def _icon_label(tag: str, attributes: dict[str, str | None]) -> str | None:
    """What an icon says it shows: its aria-label or title, or an image's alt text."""
    return attributes.get("aria-label") or attributes.get("title") or (attributes.get("alt") if tag == "img" else None)


def _file_stem(src: str | None) -> str:
    """An image's file name without folder, query or extension: "check" of "/img/check.svg?v=2"."""
    return (src or "").rsplit("/", 1)[-1].split("?")[0].rsplit(".", 1)[0].lower()


_TERM_WORDS = 8  # a definition list's term this short may be a label ("Storage", "Uptime SLA")
_VALUE_WORDS = 6  # and a value this short reads with it ("100 GB", "Enterprise only")


def _short_term(term: TextBuilder) -> bool:
    """Whether a <dt> reads as a label: short, and not a question or a sentence of its own."""
    text = term.text().strip()
    return 0 < len(text.split()) <= _TERM_WORDS and text[-1] not in "?.!:"


def _short_value(value: TextBuilder) -> bool:
    """Whether a <dd> is a short value rather than a description of its own."""
    return 0 < len(value.text().split()) <= _VALUE_WORDS


def _span(value: str | None) -> int:
    try:
        return max(1, min(int(value or 1), 1000))
    except ValueError:
        return 1


def extract_html(
    text: str,
    sink: BlockSink,
    *,
    base: int = 0,
    skip_at: Collection[tuple[int, int]] = (),
) -> list[Suppression]:
    """Walk HTML ``text`` (a page, or a fragment at offset ``base`` of a larger file) into ``sink``.

    ``skip_at`` holds (line, column) start positions of elements to leave out (site chrome).
    Returns the suppression comments, with lines relative to ``text``.
    """
    walker = _Walker(text, base, sink, skip_at)
    walker.feed(text)
    walker.close()
    return walker.suppressions


def parse_html(data: bytes | str, source: str = "<html>", *, skip_selectors: Collection[str] = ()) -> Document:
    """Parse an HTML page into a Document whose blocks map back to ``data``'s lines and columns."""
    text, notices = page_text(data, source, is_html=True)
    skip_at = chrome_positions(text, skip_selectors) if skip_selectors else ()
    sink = BlockSink()
    suppressions = extract_html(text, sink, skip_at=skip_at)
    return Document(
        source=source,
        format="html",
        text=text,
        blocks=() if sink.foreign else tuple(div_grids(sink.blocks, sink.paths, sink.tables)),
        suppressions=tuple(suppressions),
        notices=tuple(notices),
        unread=sink.unread(),
        line_starts=Document.index_lines(text),
    )


def _near(figure: tuple[int, ...] | None, label: tuple[int, ...] | None, levels: int = 3) -> bool:
    """Whether a figure and the block after it sit in one small widget: their elements part at
    most ``levels`` levels above the figure (not in rows of a grid, or cards apart)."""
    if figure is None or label is None:
        return True
    common = 0
    for mine, theirs in zip(figure, label):
        if mine != theirs:
            break
        common += 1
    return common >= len(figure) - levels


# A grid of <div>s: at least a header and two rows, of at least three short cells each
_GRID_MIN_CELLS = 3
_GRID_MIN_ROWS = 3
_GRID_CELL_WORDS = 10


def div_grids(blocks: list[Block], paths: list[tuple[int, ...] | None], tables: int) -> list[Block]:
    """Mark grids laid out with <div>s and CSS, as site builders export comparison tables: runs of
    sibling rows, each an element whose children hold one short block apiece, with the same number
    of cells (a header row may leave its corner cell empty). Each cell gets ``Block.grid``; the
    claim reader reads the grid as a table if its header names plans or competitors."""
    rows = _grid_rows(blocks, paths)
    marked = list(blocks)
    run: list[list[int]] = []

    def close() -> None:
        nonlocal tables
        width = max(len(cells) for cells in run) if run else 0
        data = run[1:] if run and len(run[0]) in (width, width - 1) else []
        if len(run) >= _GRID_MIN_ROWS and width >= _GRID_MIN_CELLS and all(len(cells) == width for cells in data):
            for number, cells in enumerate(run):
                offset = width - len(cells)  # an empty corner cell leaves the header one short
                for column, index in enumerate(cells, start=offset):
                    marked[index] = replace(marked[index], grid=TableCell(tables, number, column, number == 0))
            tables += 1
        run.clear()

    last = -1
    for cells in rows:
        width = len(run[-1]) if run else 0
        between = range(last + 1, cells[0])
        # rows follow each other, or have only a section label between them ("Storage & Limits")
        joined = run and len(between) <= 1 and all(len(blocks[i].text.split()) <= 4 for i in between) and (
            len(cells) == width or (len(run) == 1 and len(cells) == width + 1))
        if not joined:
            close()
        run.append(cells)
        last = cells[-1]
    close()
    return marked


def _grid_rows(blocks: list[Block], paths: list[tuple[int, ...] | None]) -> list[list[int]]:
    """Elements whose children each hold exactly one short paragraph or heading, in page order:
    the blocks of each."""
    members: dict[int, list[tuple[int, int]]] = {}
    for index, (block, path) in enumerate(zip(blocks, paths)):
        if path is None or block.kind not in ("paragraph", "heading") or len(block.text.split()) > _GRID_CELL_WORDS:
            continue
        for depth in range(len(path) - 1):
            members.setdefault(path[depth], []).append((index, path[depth + 1]))
    rows = []
    for cells in members.values():
        children = [child for _, child in cells]
        indices = [index for index, _ in cells]
        if len(cells) >= _GRID_MIN_CELLS - 1 and len(set(children)) == len(children) \
                and indices == list(range(indices[0], indices[0] + len(indices))):
            rows.append(indices)
    rows.sort()
    # an element and its single wrapper hold the same blocks: keep each row once
    return [cells for i, cells in enumerate(rows) if i == 0 or cells != rows[i - 1]]


def chrome_positions(text: str, selectors: Collection[str]) -> frozenset[tuple[int, int]]:
    """Start positions of the elements that CSS ``selectors`` pick (site chrome to skip).

    Beautiful Soup's html.parser builder tokenises exactly as the walk does, so an element's
    (sourceline, sourcepos) identifies the same start tag in both.
    """
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(text, "html.parser")
    positions: set[tuple[int, int]] = set()
    for selector in selectors:
        for element in soup.select(selector):
            if element.sourceline is not None and element.sourcepos is not None:
                positions.add((element.sourceline, element.sourcepos))
    return frozenset(positions)
