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
    PyUnicode_1BYTE_KIND,
    PyUnicode_2BYTE_KIND,
    PyUnicode_DATA,
    PyUnicode_DecodeASCII,
    PyUnicode_DecodeUTF8,
    PyUnicode_FromKindAndData,
    PyUnicode_KIND,
    PyUnicode_READ,
)
from cpython.ref cimport Py_INCREF, Py_XDECREF, PyObject
from cpython.tuple cimport PyTuple_New, PyTuple_SET_ITEM
from libc.stdlib cimport free, malloc, realloc
from libc.string cimport strcmp, strlen
from lxml.includes.tree cimport xmlAttr, xmlNode


cdef extern from "Python.h":
    ctypedef unsigned char Py_UCS1
    ctypedef unsigned short Py_UCS2
    bint PyUnicode_IS_ASCII(object text)  # a str whose characters are all ASCII (one byte each in its data)

cdef bint _api_ready = False

cdef enum:  # what a tag is to the walk (`_Walk.tag_of`)
    SKIPPED = 1
    BLOCK = 2
    LINK = 4
    BREAK = 8

cdef enum:
    ELEMENT = 1
    ATTRIBUTE = 2
    TEXT = 3
    CDATA = 4
    XINCLUDE_START = 19
    XINCLUDE_END = 20


ctypedef fused char_t:  # the code units of a str's data, by its width
    Py_UCS1
    Py_UCS2
    Py_UCS4


cdef Py_ssize_t _squeeze(const char_t* src, char_t* out, Py_ssize_t n, bint* changed) noexcept:
    """src's n characters into out with every whitespace run one space and none at either end; its length.
    changed: whether out differs from src (whitespace other than a lone " " between two other characters)."""
    cdef Py_ssize_t i, size = 0
    cdef Py_UCS4 ch
    cdef bint space = False
    for i in range(n):
        ch = src[i]
        if Py_UNICODE_ISSPACE(ch):
            changed[0] = changed[0] or space or size == 0 or ch != u" "
            space = True
        else:
            if space and size:
                out[size] = 32
                size += 1
            space = False
            out[size] = <char_t>ch
            size += 1
    changed[0] = changed[0] or space
    return size


cpdef str squeeze_spaces(str text):
    """segment._WS_RE.sub(" ", text).strip(): every run of whitespace (str.isspace, which is what \\s
    matches in a str pattern) one space, none at either end. Written in text's own character width; text
    itself when nothing changes."""
    cdef Py_ssize_t n = len(text), size
    cdef int kind = PyUnicode_KIND(text)
    cdef void* data = PyUnicode_DATA(text)
    cdef bint changed = False
    if n == 0:
        return text
    cdef void* out = malloc(n * kind)
    if out == NULL:
        raise MemoryError()
    try:
        if kind == PyUnicode_1BYTE_KIND:
            size = _squeeze(<const Py_UCS1*>data, <Py_UCS1*>out, n, &changed)
        elif kind == PyUnicode_2BYTE_KIND:
            size = _squeeze(<const Py_UCS2*>data, <Py_UCS2*>out, n, &changed)
        else:
            size = _squeeze(<const Py_UCS4*>data, <Py_UCS4*>out, n, &changed)
        return PyUnicode_FromKindAndData(kind, out, size) if changed else text
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


cdef struct Frame:
    # one open (walked) element: its tag and class/id tokens (owned references), its index among its
    # same-tag element siblings so far (final: earlier siblings only), the same-tag counts of its own
    # element children (an owned dict, NULL until its first element child), their final counts (an owned
    # dict, made only when a child's xpath needs a long look ahead) and its xpath (owned, NULL until a
    # block inside it needs it)
    xmlNode* node
    PyObject* tag
    PyObject* tokens
    PyObject* counts
    PyObject* totals
    PyObject* xpath
    Py_ssize_t n_same
    Py_ssize_t owner_before  # the depth of the block-level element whose block was open when it was entered
    int flags  # its tag's SKIPPED, BLOCK, LINK, BREAK


cdef class _Walk:
    """The state of one page's walk: segment._Segmenter's, for pages read without gold labels. The open
    elements are a C stack of frames (no Python object an element, but its tag's and tokens' references
    and, when it has element children, their counts); a block's xpath is written when it is flushed."""

    cdef list blocks, pieces
    cdef Frame* frames
    cdef Py_ssize_t depth, capacity
    cdef int link_chars, owner_depth, link_depth
    cdef bint pending_br
    cdef dict token_cache, tag_cache, root_counts
    cdef const char* slot_names[64]
    cdef PyObject* slot_tags[64]  # borrowed: tag_cache holds each
    cdef int slot_flags[64]
    cdef object block_class, attr_tokens, block_tags, skip_tags, hidden_search

    def __cinit__(self):
        self.frames = NULL
        self.depth = 0
        self.capacity = 0

    def __init__(self, block_class, attr_tokens, block_tags, skip_tags, hidden_search):
        cdef int i
        self.block_class = block_class
        self.attr_tokens = attr_tokens
        self.block_tags = block_tags
        self.skip_tags = skip_tags
        self.hidden_search = hidden_search
        self.blocks = []
        self.pieces = []
        self.link_chars = 0
        self.owner_depth = 0
        self.link_depth = 0
        self.pending_br = False
        self.token_cache = {}
        self.tag_cache = {}
        self.root_counts = {}
        for i in range(64):
            self.slot_names[i] = NULL

    def __dealloc__(self):
        while self.depth:
            self.pop()
        free(self.frames)

    cdef int push(self, xmlNode* el, str tag, int flags, str tokens, Py_ssize_t n_same) except -1:
        cdef Frame* grown
        if self.depth == self.capacity:
            grown = <Frame*>realloc(self.frames, (2 * self.capacity + 64) * sizeof(Frame))
            if grown == NULL:
                raise MemoryError()
            self.frames = grown
            self.capacity = 2 * self.capacity + 64
        cdef Frame* f = &self.frames[self.depth]
        f.node = el
        f.tag = <PyObject*>tag
        Py_INCREF(tag)
        f.tokens = <PyObject*>tokens
        Py_INCREF(tokens)
        f.counts = NULL
        f.totals = NULL
        f.xpath = NULL
        f.n_same = n_same
        f.owner_before = self.owner_depth
        f.flags = flags
        self.depth += 1
        return 0

    cdef void pop(self) noexcept:
        self.depth -= 1
        cdef Frame* f = &self.frames[self.depth]
        Py_XDECREF(f.tag)
        Py_XDECREF(f.tokens)
        Py_XDECREF(f.counts)
        Py_XDECREF(f.totals)
        Py_XDECREF(f.xpath)

    cdef add(self, str text, bint in_link):
        if not text:
            return
        self.pieces.append(text)
        cdef Py_ssize_t n = _stripped_length(text)
        if n:
            self.pending_br = False
            if in_link:
                self.link_chars += n

    cdef flush(self):
        self.pending_br = False
        if not self.pieces:
            return
        cdef str text = squeeze_spaces("".join(self.pieces))
        self.pieces = []
        cdef Py_ssize_t depth, k
        cdef tuple tags, tokens
        cdef PyObject* item
        if text:
            depth = self.owner_depth
            tags = PyTuple_New(depth)
            tokens = PyTuple_New(depth)
            for k in range(depth):
                item = self.frames[k].tag
                Py_INCREF(<object>item)
                PyTuple_SET_ITEM(tags, k, <object>item)
                item = self.frames[depth - 1 - k].tokens  # the nearest element's first
                Py_INCREF(<object>item)
                PyTuple_SET_ITEM(tokens, k, <object>item)
            # positional: Block(text, tag, xpath, tags, tokens, link_chars), the rest left at their defaults
            self.blocks.append(
                self.block_class(
                    text, tags[depth - 1] if depth else "", self.xpath_of(depth), tags, tokens,
                    min(self.link_chars, len(text)),
                )
            )
        self.link_chars = 0

    cdef str xpath_of(self, Py_ssize_t depth):
        """The xpath of the open element at depth (segment.write_xpaths's: "/" for none), each open
        element's written once and kept in its frame. A step is indexed when the element has another
        element sibling of its tag: an earlier one (its index is above 1) or, looked for now, a later one."""
        if depth == 0:
            return "/"
        cdef Py_ssize_t known = depth, k
        while known and self.frames[known - 1].xpath == NULL:
            known -= 1
        cdef str path = <str>self.frames[known - 1].xpath if known else ""
        cdef Frame* f
        for k in range(known, depth):
            f = &self.frames[k]
            if f.n_same > 1 or (k > 0 and self.later_same_tag(k)):
                path = f"{path}/{<str>f.tag}[{f.n_same}]"
            else:
                path = f"{path}/{<str>f.tag}"
            Py_INCREF(path)
            f.xpath = <PyObject*>path
        return path

    cdef bint later_same_tag(self, Py_ssize_t k) except -1:
        """Whether the open element at k (not the root) has a later element sibling of its tag: looked for
        among the next few siblings, and past them in its parent's final counts of its children's tags
        (counted once a parent, so a wide element of many distinct tags costs one pass, not one each)."""
        cdef Frame* f = &self.frames[k]
        cdef Frame* parent = &self.frames[k - 1]
        cdef str tag = <str>f.tag
        cdef xmlNode* el = f.node
        cdef xmlNode* c = el.next
        cdef int flags, looked = 0
        if parent.totals == NULL:
            while c is not NULL and looked < 16:
                if c.type == ELEMENT:
                    if (c.name == el.name and c.ns is NULL and el.ns is NULL) or self.tag_of(c, &flags) == tag:
                        return True
                    looked += 1
                c = c.next
            if c is NULL:
                return False
            totals = {}
            c = parent.node.children
            while c is not NULL:
                if c.type == ELEMENT:
                    name = self.tag_of(c, &flags)
                    totals[name] = totals.get(name, 0) + 1
                c = c.next
            Py_INCREF(totals)
            parent.totals = <PyObject*>totals
        return (<dict>parent.totals)[tag] > f.n_same

    cdef str tag_of(self, xmlNode* el, int* flags):
        """el.tag.lower(), as lxml names it ('{namespace}name' when the element has a namespace); flags:
        what the tag is to the walk (SKIPPED, BLOCK, LINK, BREAK)."""
        cdef const char* href = NULL if el.ns is NULL else <const char*>el.ns.href
        cdef str tag
        if href is not NULL:
            tag = ("{" + (<bytes>href).decode("utf-8") + "}" + (<bytes><char*>el.name).decode("utf-8")).lower()
            flags[0] = self.flags_of(tag)
            return tag
        # no node is freed during a walk, so a name's address stands for its text until the walk ends;
        # the last name seen in each of 64 slots is looked up without making a key (its str held by tag_cache)
        cdef size_t slot = (<size_t>el.name >> 4) & 63
        if self.slot_names[slot] == <const char*>el.name:
            flags[0] = self.slot_flags[slot]
            return <str>self.slot_tags[slot]
        key = <size_t>el.name
        cached = self.tag_cache.get(key)
        if cached is None:
            tag = self.tag_cache[key] = (<bytes><char*>el.name).decode("utf-8").lower()
        else:
            tag = <str>cached
        self.slot_names[slot] = <const char*>el.name
        self.slot_tags[slot] = <PyObject*>tag
        self.slot_flags[slot] = flags[0] = self.flags_of(tag)
        return tag

    cdef int flags_of(self, str tag) except -1:
        return (
            (SKIPPED if tag in self.skip_tags else 0)
            | (BLOCK if tag in self.block_tags else 0)
            | (LINK if tag == "a" else 0)
            | (BREAK if tag == "br" else 0)
        )

    cdef dict sibling_counts(self):
        """The same-tag counts of the innermost open element's children (made at its first child)."""
        if self.depth == 0:
            return self.root_counts
        cdef Frame* parent = &self.frames[self.depth - 1]
        if parent.counts == NULL:
            counts = {}
            Py_INCREF(counts)
            parent.counts = <PyObject*>counts
        return <dict>parent.counts

    cdef bint enter(self, xmlNode* el) except -1:
        if el.type != ELEMENT:  # comments, processing instructions, entity references
            return False
        cdef int flags
        cdef str tag = self.tag_of(el, &flags)
        cdef dict counts = self.sibling_counts()
        cdef Py_ssize_t n_same = counts.get(tag, 0) + 1
        counts[tag] = n_same
        if flags & SKIPPED:
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
        raw = " " if cls is None and idv is None else (cls or "") + " " + (idv or "")
        tokens = self.token_cache.get(raw)
        if tokens is None:
            tokens = self.token_cache[raw] = self.attr_tokens(raw)
        self.push(el, tag, flags, tokens, n_same)
        if flags & BLOCK:
            self.flush()
            self.owner_depth = self.depth
        elif flags & LINK:
            self.link_depth += 1
        text = _collect_text(el.children)
        if text:
            self.add(text, self.link_depth > 0)
        return True

    cdef leave(self, xmlNode* el):
        cdef int flags = self.frames[self.depth - 1].flags
        if flags & BLOCK:
            self.flush()
            self.owner_depth = self.frames[self.depth - 1].owner_before
        elif flags & LINK:
            self.link_depth -= 1
        elif flags & BREAK:
            self.pieces.append("\n")
            if self.pending_br:
                self.flush()
            else:
                self.pending_br = True
        self.pop()

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


cdef Py_ssize_t _stripped_length(str text):
    """len(text.strip()) without making the stripped copy."""
    cdef Py_ssize_t start = 0, end = len(text)
    cdef int kind = PyUnicode_KIND(text)
    cdef void* data = PyUnicode_DATA(text)
    while start < end and Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, start)):
        start += 1
    while end > start and Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, end - 1)):
        end -= 1
    return end - start


def walk(cetree._Element root, block_class, attr_tokens, block_tags, skip_tags, hidden_search):
    """The blocks under root, xpaths written, as segment._Segmenter collects them with_gold=False."""
    global _api_ready
    if not _api_ready:
        cetree.import_lxml__etree()
        _api_ready = True
    state = _Walk(block_class, attr_tokens, block_tags, skip_tags, hidden_search)
    state.walk(root._c_node, True)
    state.flush()
    return state.blocks


def attr_tokens(str raw):
    """segment._attr_tokens: the maximal runs of two or more a-z letters of raw.lower(), space-separated
    (lower() as Python does it: it may lengthen the text, 'İ' gives 'i' and a combining dot); a URL in a
    value (segment.URL_IN_VALUE) gives none."""
    if "://" in raw:  # rare: the reference's own pattern
        from storysift.segment import URL_IN_VALUE

        raw = URL_IN_VALUE.sub(" ", raw)
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
