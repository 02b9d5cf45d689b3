# cython: language_level=3
"""The compiled walk of storysift.segment: the same blocks as `segment._Segmenter`, read straight from
lxml's libxml2 tree instead of through `etree.iterwalk`, element attributes and text properties.

Only libxml2's structures are read (no libxml2 function is called, so nothing needs linking against the
libxml2 inside lxml). Text is collected as lxml's `.text` and `.tail` collect it: consecutive text and
CDATA nodes, XInclude markers skipped. Nothing here is public; storysift.segment decides when it runs.
"""

cimport lxml.includes.etreepublic as cetree
from cpython.unicode cimport (
    Py_UNICODE_ISSPACE,
    PyUnicode_4BYTE_KIND,
    PyUnicode_DATA,
    PyUnicode_DecodeASCII,
    PyUnicode_DecodeUTF8,
    PyUnicode_FromKindAndData,
    PyUnicode_KIND,
    PyUnicode_READ,
)
from cpython.ref cimport PyObject
from libc.stdlib cimport free, malloc
from libc.string cimport strcmp, strlen
from lxml.includes.tree cimport xmlAttr, xmlNode


cdef extern from "Python.h":
    bint PyUnicode_IS_ASCII(object text)  # a str whose characters are all ASCII (one byte each in its data)

cdef bint _api_ready = False

cdef enum:
    ELEMENT = 1
    ATTRIBUTE = 2
    TEXT = 3
    CDATA = 4
    XINCLUDE_START = 19
    XINCLUDE_END = 20


cpdef str squeeze_spaces(str text):
    """segment._WS_RE.sub(" ", text).strip(): every run of whitespace (str.isspace, which is what \\s
    matches in a str pattern) one space, none at either end."""
    cdef Py_ssize_t n = len(text), i, size = 0
    cdef int kind = PyUnicode_KIND(text)
    cdef void* data = PyUnicode_DATA(text)
    cdef Py_UCS4 ch
    cdef bint space = False
    if n == 0:
        return text
    cdef Py_UCS4* out = <Py_UCS4*>malloc(n * sizeof(Py_UCS4))
    if out == NULL:
        raise MemoryError()
    try:
        for i in range(n):
            ch = PyUnicode_READ(kind, data, i)
            if Py_UNICODE_ISSPACE(ch):
                space = True
            else:
                if space and size:
                    out[size] = u" "
                    size += 1
                space = False
                out[size] = ch
                size += 1
        return PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, out, size)
    finally:
        free(out)


cdef inline xmlNode* _text_or_skip(xmlNode* c) noexcept:
    while c is not NULL:
        if c.type == TEXT or c.type == CDATA:
            return c
        if c.type == XINCLUDE_START or c.type == XINCLUDE_END:
            c = c.next
        else:
            return NULL
    return NULL


cdef inline str _decode(const char* text):
    return PyUnicode_DecodeUTF8(text, strlen(text), NULL)


cdef str _collect_text(xmlNode* c):
    """lxml's _collectText: the consecutive text nodes from c joined, '' when all are empty, None when
    there is none."""
    cdef xmlNode* cur = _text_or_skip(c)
    if cur is NULL:
        return None
    cdef xmlNode* after = _text_or_skip(cur.next)
    if after is NULL:  # the common case: one text node
        return _decode(<const char*>cur.content) if cur.content is not NULL else ""
    cdef bytes joined = b""
    while cur is not NULL:
        if cur.content is not NULL:
            joined += <bytes><char*>cur.content
        cur = _text_or_skip(cur.next)
    return joined.decode("utf-8")


cdef inline xmlNode* _element_from(xmlNode* c) noexcept:
    """c or its first following sibling that iterwalk visits (element, comment, entity reference, PI)."""
    while c is not NULL and not cetree._isElement(c):
        c = c.next
    return c


cdef str _attribute_value(xmlAttr* a):
    """An attribute's value as lxml gives it: its text children joined ('' when it has none)."""
    cdef xmlNode* child = a.children
    if child is not NULL and child.next is NULL and (child.type == TEXT or child.type == CDATA):
        return _decode(<const char*>child.content) if child.content is not NULL else ""
    cdef bytes value = b""
    while child is not NULL:
        if (child.type == TEXT or child.type == CDATA) and child.content is not NULL:
            value += <bytes><char*>child.content
        child = child.next
    return value.decode("utf-8")


cdef xmlAttr* _attribute(xmlNode* el, const char* name) noexcept:
    """The first attribute without namespace called name (the one lxml reads the value of), or NULL."""
    cdef xmlAttr* a = el.properties
    while a is not NULL:
        if a.type == ATTRIBUTE and (a.ns is NULL or a.ns.href is NULL) and strcmp(<const char*>a.name, name) == 0:
            return a
        a = a.next
    return NULL


cdef class _Walk:
    """The state of one page's walk: segment._Segmenter's, for pages read without gold labels."""

    cdef list blocks, pieces, path_tags, path_tokens, path_steps, child_counts, block_steps, owners
    cdef int link_chars, owner_depth, link_depth
    cdef bint pending_br
    cdef dict token_cache, tag_cache
    cdef const char* slot_names[64]
    cdef PyObject* slot_tags[64]  # borrowed: tag_cache holds each
    cdef object block_class, attr_tokens, block_tags, skip_tags, hidden_search

    def __init__(self, block_class, attr_tokens, block_tags, skip_tags, hidden_search):
        cdef int i
        self.block_class = block_class
        self.attr_tokens = attr_tokens
        self.block_tags = block_tags
        self.skip_tags = skip_tags
        self.hidden_search = hidden_search
        self.blocks = []
        self.pieces = []
        self.path_tags = []
        self.path_tokens = []
        self.path_steps = []
        self.child_counts = [{}]
        self.block_steps = []
        self.owners = [0]
        self.link_chars = 0
        self.owner_depth = 0
        self.link_depth = 0
        self.pending_br = False
        self.token_cache = {}
        self.tag_cache = {}
        for i in range(64):
            self.slot_names[i] = NULL

    cdef add(self, str text, bint in_link):
        if not text:
            return
        self.pieces.append(text)
        stripped = text.strip()
        if stripped:
            self.pending_br = False
            if in_link:
                self.link_chars += len(stripped)

    cdef flush(self):
        self.pending_br = False
        if not self.pieces:
            return
        cdef str text = squeeze_spaces("".join(self.pieces))
        self.pieces = []
        cdef int depth
        if text:
            depth = self.owner_depth
            tags = self.path_tags[:depth]
            tokens = self.path_tokens[depth - 1 :: -1] if depth else []
            self.block_steps.append(tuple(self.path_steps[:depth]))
            # positional: Block(text, tag, xpath, tags, tokens, link_chars), the rest left at their defaults
            self.blocks.append(
                self.block_class(
                    text, tags[-1] if tags else "", None, tuple(tags), tuple(tokens), min(self.link_chars, len(text))
                )
            )
        self.link_chars = 0

    cdef str tag_of(self, xmlNode* el):
        """el.tag.lower(), as lxml names it ('{namespace}name' when the element has a namespace)."""
        cdef const char* href = NULL if el.ns is NULL else <const char*>el.ns.href
        if href is not NULL:
            return ("{" + (<bytes>href).decode("utf-8") + "}" + (<bytes><char*>el.name).decode("utf-8")).lower()
        # no node is freed during a walk, so a name's address stands for its text until the walk ends;
        # the last name seen in each of 64 slots is looked up without making a key (its str held by tag_cache)
        cdef size_t slot = (<size_t>el.name >> 4) & 63
        if self.slot_names[slot] == <const char*>el.name:
            return <str>self.slot_tags[slot]
        key = <size_t>el.name
        tag = self.tag_cache.get(key)
        if tag is None:
            tag = self.tag_cache[key] = (<bytes><char*>el.name).decode("utf-8").lower()
        self.slot_names[slot] = <const char*>el.name
        self.slot_tags[slot] = <PyObject*>tag
        return tag

    cdef bint enter(self, xmlNode* el) except -1:
        if el.type != ELEMENT:  # comments, processing instructions, entity references
            return False
        cdef str tag = self.tag_of(el)
        cdef dict counts = self.child_counts[-1]
        cdef int n_same = counts.get(tag, 0) + 1
        counts[tag] = n_same
        if tag in self.skip_tags:
            return False
        cdef xmlAttr* a
        cls = idv = None
        if el.properties is not NULL:
            if _attribute(el, "hidden") is not NULL:
                return False
            a = _attribute(el, "style")
            if a is not NULL:
                style = _attribute_value(a)
                if style and _may_hide(style) and self.hidden_search(style) is not None:
                    return False
            a = _attribute(el, "class")
            if a is not NULL:
                cls = _attribute_value(a)
            a = _attribute(el, "id")
            if a is not NULL:
                idv = _attribute_value(a)
        self.path_steps.append([tag, n_same, counts, None])  # the 4th: its xpath, once written
        self.child_counts.append({})
        self.path_tags.append(tag)
        raw = " " if cls is None and idv is None else (cls or "") + " " + (idv or "")
        tokens = self.token_cache.get(raw)
        if tokens is None:
            tokens = self.token_cache[raw] = self.attr_tokens(raw)
        self.path_tokens.append(tokens)
        if tag in self.block_tags:
            self.flush()
            self.owner_depth = len(self.path_tags)
            self.owners.append(self.owner_depth)
        elif tag == "a":
            self.link_depth += 1
        text = _collect_text(el.children)
        if text:
            self.add(text, self.link_depth > 0)
        return True

    cdef leave(self, xmlNode* el):
        cdef str tag = self.path_tags[-1]
        if tag in self.block_tags:
            self.flush()
            self.owners.pop()
            self.owner_depth = self.owners[-1]
        elif tag == "a":
            self.link_depth -= 1
        elif tag == "br":
            self.pieces.append("\n")
            if self.pending_br:
                self.flush()
            else:
                self.pending_br = True
        self.path_tags.pop()
        self.path_tokens.pop()
        self.path_steps.pop()
        self.child_counts.pop()

    cdef walk(self, xmlNode* el, bint is_root):
        cdef xmlNode* child
        if self.enter(el):
            child = _element_from(el.children)
            while child is not NULL:
                self.walk(child, False)
                child = _element_from(child.next)
            self.leave(el)
        if not is_root:
            tail = _collect_text(el.next)
            if tail:
                self.add(tail, self.link_depth > 0)


def walk(cetree._Element root, block_class, attr_tokens, block_tags, skip_tags, hidden_search):
    """The blocks under root (xpath not yet written) and each block's open path steps, as
    segment._Segmenter collects them with_gold=False."""
    global _api_ready
    if not _api_ready:
        cetree.import_lxml__etree()
        _api_ready = True
    state = _Walk(block_class, attr_tokens, block_tags, skip_tags, hidden_search)
    state.walk(root._c_node, True)
    state.flush()
    return state.blocks, state.block_steps


def attr_tokens(str raw):
    """segment._attr_tokens: the maximal runs of two or more a-z letters of raw.lower(), space-separated
    (lower() as Python does it: it may lengthen the text, 'İ' gives 'i' and a combining dot)."""
    if PyUnicode_IS_ASCII(raw):  # the common case: lower-case A-Z byte by byte, no copy of raw
        return _ascii_tokens(<const char*>PyUnicode_DATA(raw), len(raw))
    cdef list tokens = []
    cdef str low = raw.lower()
    cdef Py_ssize_t i, n = len(low), start = -1
    cdef Py_UCS4 ch
    for i in range(n + 1):
        ch = low[i] if i < n else u" "
        if u"a" <= ch <= u"z":
            if start < 0:
                start = i
        elif start >= 0:
            if i - start >= 2:
                tokens.append(low[start:i])
            start = -1
    return " ".join(tokens)


cdef str _ascii_tokens(const char* raw, Py_ssize_t n):
    """attr_tokens of an ASCII string of n bytes."""
    cdef char* out = <char*>malloc(n + 1)
    if out == NULL:
        raise MemoryError()
    cdef Py_ssize_t i, k, size = 0, start = -1
    cdef char ch
    try:
        for i in range(n + 1):
            ch = raw[i] if i < n else b" "
            if b"A" <= ch <= b"Z":
                ch = ch + 32
            if b"a" <= ch <= b"z":
                if start < 0:
                    start = i
            elif start >= 0:
                if i - start >= 2:
                    if size:
                        out[size] = b" "
                        size += 1
                    for k in range(start, i):  # letters only: setting bit 5 lower-cases A-Z, keeps a-z
                        out[size] = raw[k] | 32
                        size += 1
                start = -1
        return PyUnicode_DecodeASCII(out, size, NULL)
    finally:
        free(out)


cdef bint _may_hide(str style):
    """False when segment._HIDDEN_STYLE_RE cannot match style: an ASCII style whose lower case holds
    neither "none" nor "hidden" (every match ends in one of them; the case-insensitive matching of non-ASCII
    letters, such as 'ſ' for 's', is left to the expression itself)."""
    if not PyUnicode_IS_ASCII(style):
        return True
    low = style.lower()
    return "none" in low or "hidden" in low


def write_xpaths(list blocks, list block_steps):
    """segment.write_xpaths: each block's xpath from its open path steps, each element's written once
    (kept in its step, [tag, index, sibling counts, xpath], which every block inside it shares)."""
    cdef Py_ssize_t b, k, known
    cdef tuple steps
    cdef list step
    cdef str path, tag
    for b in range(len(blocks)):
        steps = block_steps[b]
        known = len(steps)
        while known and (<list>steps[known - 1])[3] is None:
            known -= 1
        path = (<list>steps[known - 1])[3] if known else ""
        for k in range(known, len(steps)):
            step = steps[k]
            tag = step[0]
            if step[2][tag] == 1:
                path = f"{path}/{tag}"
            else:
                path = f"{path}/{tag}[{step[1]}]"
            step[3] = path
        blocks[b].xpath = path or "/"
