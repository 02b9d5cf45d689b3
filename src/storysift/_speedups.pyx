# cython: language_level=3, boundscheck=False, wraparound=False, initializedcheck=False, cdivision=True
"""Compiled accelerators of storysift's pure-Python reference code.

Every function here has a reference in Python that gives the same result (`storysift.flat_trees` for the
trees); `storysift.accel` decides which one runs. Nothing here is public.
"""

from libc.math cimport isnan

ctypedef fused data_t:
    float
    double


def add_tree_values(
    const data_t[:, :] X,
    const int[::1] feature,
    const double[::1] threshold,
    const unsigned char[::1] missing_left,
    const int[::1] left,
    const int[::1] right,
    const double[::1] value,
    const int[::1] roots,
    const int[::1] columns,
    double[:, :] out,
):
    """Add to out[i, columns[t]] the leaf value that row i of X reaches in tree t, tree after tree.

    A node is a leaf when left[node] < 0. A missing value (NaN) goes where missing_left says; a value
    goes left when value <= threshold (compared as float64, as scikit-learn compares its float64 copy of X).
    Each out[i, k] receives its trees' values in tree order, the order scikit-learn adds them in. One tree
    at a time for every row: its few nodes stay in the nearest cache, where all trees for one row at a time
    would read each node's five fields from five far-apart places (measured: 30% less time on a page's rows).
    X may be in any layout; in column order (Fortran) a tree's 30 or so columns of a page's rows are what it
    reads, and they stay in the nearest cache too (measured on 30 wcxb-dev pages' stage inputs: 5-30% less
    time than in row order, on a noisy machine).
    """
    cdef Py_ssize_t n_rows = X.shape[0]
    cdef Py_ssize_t n_trees = roots.shape[0]
    cdef Py_ssize_t i, t
    cdef int node, root, column
    cdef double x
    # plain pointers: a row's values and the nodes' fields read without a memoryview's stride arithmetic
    cdef const int* feature_of = &feature[0] if feature.shape[0] else NULL
    cdef const double* threshold_of = &threshold[0] if threshold.shape[0] else NULL
    cdef const unsigned char* missing_left_of = &missing_left[0] if missing_left.shape[0] else NULL
    cdef const int* left_of = &left[0] if left.shape[0] else NULL
    cdef const int* right_of = &right[0] if right.shape[0] else NULL
    cdef const data_t* row
    cdef const data_t* first
    cdef Py_ssize_t row_step, column_step  # in values, not bytes
    if n_rows == 0:
        return
    first = &X[0, 0]
    row_step = X.strides[0] // <Py_ssize_t>sizeof(data_t)
    column_step = X.strides[1] // <Py_ssize_t>sizeof(data_t)
    with nogil:
        for t in range(n_trees):
            root = roots[t]
            column = columns[t]
            for i in range(n_rows):
                row = first + i * row_step
                node = root
                while left_of[node] >= 0:
                    x = row[feature_of[node] * column_step]
                    if x <= threshold_of[node]:  # false for NaN, whose way missing_left tells
                        node = left_of[node]
                    elif missing_left_of[node] and isnan(x):
                        node = left_of[node]
                    else:
                        node = right_of[node]
                out[i, column] += value[node]


# ----- hashed tokens (reference: storysift.features.hashed_tokens, through scikit-learn's FeatureHasher) -----

# PyUnicode_READ reads a str's buffer unchecked: callers keep indexes within the string
from cpython.bytes cimport PyBytes_FromStringAndSize
from cpython.unicode cimport (
    Py_UNICODE_ISALNUM,
    Py_UNICODE_ISDECIMAL,
    PyUnicode_AsUTF8AndSize,
    PyUnicode_1BYTE_KIND,
    PyUnicode_2BYTE_KIND,
    PyUnicode_DATA,
    PyUnicode_KIND,
    PyUnicode_READ,
    PyUnicode_Tailmatch,
)
from libc.stdint cimport int32_t, uint32_t, uint64_t
from libc.stdlib cimport free, malloc, realloc
from libc.string cimport memchr, memcmp, memcpy

import numpy as np


cdef inline bint _is_word(Py_UCS4 ch) noexcept:
    """A character of a \\w+ run as Python's re reads it in a str pattern (ASCII: [0-9A-Za-z_])."""
    if ch < 128:
        return (u"a" <= ch <= u"z") or (u"A" <= ch <= u"Z") or (u"0" <= ch <= u"9") or ch == u"_"
    return Py_UNICODE_ISALNUM(ch)


cdef inline uint32_t _rotl32(uint32_t x, int r) noexcept nogil:
    return (x << r) | (x >> (32 - r))


cdef uint32_t _murmur3_32(const unsigned char* data, Py_ssize_t length, uint32_t seed) noexcept nogil:
    """MurmurHash3 x86 32-bit of length bytes (the hash scikit-learn's FeatureHasher uses)."""
    cdef uint32_t c1 = 0xcc9e2d51U
    cdef uint32_t c2 = 0x1b873593
    cdef uint32_t h1 = seed
    cdef uint32_t k1
    cdef Py_ssize_t n_blocks = length // 4
    cdef Py_ssize_t i
    for i in range(n_blocks):
        memcpy(&k1, data + 4 * i, 4)
        k1 *= c1
        k1 = _rotl32(k1, 15)
        k1 *= c2
        h1 ^= k1
        h1 = _rotl32(h1, 13)
        h1 = h1 * 5 + 0xe6546b64U
    cdef const unsigned char* tail = data + 4 * n_blocks
    cdef int rest = length & 3
    k1 = 0
    if rest == 3:
        k1 ^= (<uint32_t>tail[2]) << 16
    if rest >= 2:
        k1 ^= (<uint32_t>tail[1]) << 8
    if rest >= 1:
        k1 ^= tail[0]
        k1 *= c1
        k1 = _rotl32(k1, 15)
        k1 *= c2
        h1 ^= k1
    h1 ^= <uint32_t>length
    h1 ^= h1 >> 16
    h1 *= 0x85ebca6bU
    h1 ^= h1 >> 13
    h1 *= 0xc2b2ae35U
    h1 ^= h1 >> 16
    return h1


cdef inline int32_t _column(uint32_t hashed, int32_t n_features) noexcept nogil:
    """The column FeatureHasher gives a hash: |h| mod n, with its own rule for the one h without |h|."""
    cdef int32_t h = <int32_t>hashed
    if h == -2147483647 - 1:
        return (2147483647 - (n_features - 1)) % n_features
    return (h if h >= 0 else -h) % n_features


cdef class _Buffer:
    """Bytes of the token being hashed (a prefix and UTF-8 pieces), grown as needed; also int32 columns."""
    cdef unsigned char* data
    cdef Py_ssize_t size
    cdef Py_ssize_t capacity

    def __cinit__(self):
        self.capacity = 256
        self.data = <unsigned char*>malloc(self.capacity)
        if self.data == NULL:
            raise MemoryError()
        self.size = 0

    def __dealloc__(self):
        free(self.data)

    cdef int add(self, const char* piece, Py_ssize_t length) except -1:
        self.reserve(length)
        memcpy(self.data + self.size, piece, length)
        self.size += length
        return 0

    cdef int add_int32(self, int32_t value) except -1:
        """The value's four bytes (a _Buffer of int32 columns: `markup_columns`)."""
        return self.add(<const char*>&value, sizeof(int32_t))

    cdef int add_str(self, str text) except -1:
        cdef Py_ssize_t length
        cdef const char* utf8 = PyUnicode_AsUTF8AndSize(text, &length)
        return self.add(utf8, length)

    cdef int add_chars(self, str text, Py_ssize_t start, Py_ssize_t end) except -1:
        """The UTF-8 bytes of text[start:end] (a lone surrogate is refused, as str.encode refuses it)."""
        cdef Py_ssize_t k
        cdef uint32_t ch
        cdef unsigned char* out
        cdef int kind = PyUnicode_KIND(text)
        cdef void* data = PyUnicode_DATA(text)
        self.reserve(4 * (end - start))
        out = self.data + self.size
        for k in range(start, end):
            ch = <uint32_t>PyUnicode_READ(kind, data, k)  # a code point, for arithmetic
            if ch < 0x80:
                out[0] = <unsigned char>ch
                out += 1
            elif ch < 0x800:
                out[0] = <unsigned char>(0xC0 | (ch >> 6))
                out[1] = <unsigned char>(0x80 | (ch & 0x3F))
                out += 2
            elif ch < 0x10000:
                if 0xD800 <= ch <= 0xDFFF:
                    raise UnicodeEncodeError("utf-8", text, k, k + 1, "surrogates not allowed")
                out[0] = <unsigned char>(0xE0 | (ch >> 12))
                out[1] = <unsigned char>(0x80 | ((ch >> 6) & 0x3F))
                out[2] = <unsigned char>(0x80 | (ch & 0x3F))
                out += 3
            else:
                out[0] = <unsigned char>(0xF0 | (ch >> 18))
                out[1] = <unsigned char>(0x80 | ((ch >> 12) & 0x3F))
                out[2] = <unsigned char>(0x80 | ((ch >> 6) & 0x3F))
                out[3] = <unsigned char>(0x80 | (ch & 0x3F))
                out += 4
        self.size = out - self.data
        return 0

    cdef int reserve(self, Py_ssize_t more) except -1:
        """Room for more bytes after the current ones."""
        cdef unsigned char* grown
        if self.size + more > self.capacity:
            while self.size + more > self.capacity:
                self.capacity *= 2
            grown = <unsigned char*>realloc(self.data, self.capacity)
            if grown == NULL:
                raise MemoryError()
            self.data = grown
        return 0

    cdef int32_t column(self, int32_t n_features) noexcept:
        return _column(_murmur3_32(self.data, self.size, 0), n_features)


cdef void _sort_int32(int32_t* a, Py_ssize_t n) noexcept nogil:
    """Sort a[0:n] ascending: quicksort (median of three, the smaller side first) down to runs of 16,
    then insertion sort. A block's row holds tens of columns: libc's qsort, a call per comparison and
    a copy to a scratch buffer, took 40% of the hashing (measured with perf on wcxb-dev pages)."""
    cdef Py_ssize_t lo = 0, hi = n - 1, i, j, mid
    cdef int32_t pivot, tmp
    while hi - lo > 16:
        mid = lo + (hi - lo) // 2
        if a[mid] < a[lo]:
            a[mid], a[lo] = a[lo], a[mid]
        if a[hi] < a[lo]:
            a[hi], a[lo] = a[lo], a[hi]
        if a[hi] < a[mid]:
            a[hi], a[mid] = a[mid], a[hi]
        pivot = a[mid]
        i = lo
        j = hi
        while i <= j:
            while a[i] < pivot:
                i += 1
            while a[j] > pivot:
                j -= 1
            if i <= j:
                tmp = a[i]
                a[i] = a[j]
                a[j] = tmp
                i += 1
                j -= 1
        if j - lo < hi - i:  # recurse into the smaller side, loop on the larger: depth stays log n
            _sort_int32(a + lo, j - lo + 1)
            lo = i
        else:
            _sort_int32(a + i, hi - i + 1)
            hi = j
    for i in range(lo + 1, hi + 1):
        tmp = a[i]
        j = i - 1
        while j >= lo and a[j] > tmp:
            a[j + 1] = a[j]
            j -= 1
        a[j + 1] = tmp


cdef void _sort_columns(int32_t* a, Py_ssize_t n, int32_t* scratch) noexcept nogil:
    """Sort a[0:n] ascending, as _sort_int32 does, with scratch room for n values: a row of hashed columns
    (tens of values, none negative) by a radix sort on 6 bits at a time, whose passes have no branch that
    depends on the values (a quicksort's comparisons of random columns are mispredicted half the time);
    short runs, and any run holding a negative value, by _sort_int32."""
    cdef Py_ssize_t i, shift, total, k
    cdef int32_t top = 0
    cdef Py_ssize_t count[64]
    cdef int32_t* source = a
    cdef int32_t* target = scratch
    cdef int32_t* swap
    if n <= 24:
        _sort_int32(a, n)
        return
    for i in range(n):
        if a[i] < 0:
            _sort_int32(a, n)
            return
        top |= a[i]
    shift = 0
    while shift == 0 or (shift < 31 and (top >> shift) != 0):
        for k in range(64):
            count[k] = 0
        for i in range(n):
            count[(source[i] >> shift) & 63] += 1
        total = 0
        for k in range(64):
            total += count[k]
            count[k] = total - count[k]
        for i in range(n):
            k = (source[i] >> shift) & 63
            target[count[k]] = source[i]
            count[k] += 1
        swap = source
        source = target
        target = swap
        shift += 6
    if source != a:
        memcpy(a, source, n * sizeof(int32_t))


cdef int32_t _join_column(_Buffer buf, bytes prefix, object tags, Py_ssize_t last, int32_t n_features) except? -1:
    """The column of prefix + "/".join(tags[-last:])."""
    cdef Py_ssize_t n = len(tags)
    cdef Py_ssize_t j
    buf.size = 0
    buf.add(prefix, len(prefix))
    for j in range(max(n - last, 0), n):
        if j > max(n - last, 0):
            buf.add(b"/", 1)
        buf.add_str(tags[j])
    return buf.column(n_features)


def markup_columns(list contexts, int32_t n_features):
    """For each markup context (tokens, tags, tag) of storysift.features._markup_tokens, the columns of
    its tokens, hashed without making their strings; one context's word lists are split once per call.
    Given flat: (columns, starts), context c's columns sorted in columns[starts[c]:starts[c + 1]]."""
    cdef _Buffer buf = _Buffer()
    cdef _Buffer flat = _Buffer()  # the int32 columns of every context, one after the other
    cdef _Buffer scratch = _Buffer()  # room for sorting one context's columns
    cdef dict split_columns = {}  # (depth, class/id string) -> its words' columns, as int32 bytes
    starts = np.zeros(len(contexts) + 1, dtype=np.intp)
    cdef Py_ssize_t[::1] start = starts
    cdef object tokens, tags
    cdef Py_ssize_t c, depth, before
    cdef bytes prefix, held
    cdef str word
    for c in range(len(contexts)):
        tokens, tags, tag = contexts[c]
        for depth in range(len(tokens)):
            key = (min(depth, 4), tokens[depth])
            held = split_columns.get(key)
            if held is None:
                prefix = (b"c0:", b"c1:", b"c2:", b"c3:", b"c:")[min(depth, 4)]
                before = flat.size
                for word in (<str?>tokens[depth]).split():
                    buf.size = 0
                    buf.add(prefix, len(prefix))
                    buf.add_str(word)
                    flat.add_int32(buf.column(n_features))
                split_columns[key] = PyBytes_FromStringAndSize(<char*>flat.data + before, flat.size - before)
            else:
                flat.add(held, len(held))
        buf.size = 0
        buf.add(b"t:", 2)
        buf.add_str(tag)
        flat.add_int32(buf.column(n_features))
        flat.add_int32(_join_column(buf, b"t2:", tags, 2, n_features))
        flat.add_int32(_join_column(buf, b"t3:", tags, 3, n_features))
        start[c + 1] = flat.size // sizeof(int32_t)
        scratch.size = 0
        scratch.reserve((start[c + 1] - start[c]) * sizeof(int32_t))
        _sort_columns(<int32_t*>flat.data + start[c], start[c + 1] - start[c], <int32_t*>scratch.data)
    columns = np.empty(start[len(contexts)], dtype=np.int32)
    if flat.size:
        memcpy(_address_int32(columns), flat.data, flat.size)
    return columns, starts


def hash_tokens(list texts, const int32_t[::1] markup, const Py_ssize_t[::1] markup_start,
                const int32_t[::1] markup_of, int max_words, int max_pairs, int n_features, double cap):
    """The CSR arrays (indptr, indices, data) of the hashed tokens of blocks, as
    storysift.features.hashed_tokens gives them: block i's words are the \\w+ runs of texts[i] (its text,
    lower-cased), and its tokens "w:" + each of its first max_words words, "w2:" + a + "_" + b for each of
    its first max_pairs pairs of neighbouring words, "empty" when it has no word, and the markup tokens
    whose columns are context c = markup_of[i]'s markup[markup_start[c]:markup_start[c + 1]] (sorted, as
    `markup_columns` gives them); each token counts once in column |murmur3(utf-8)| mod n_features; a
    row's columns are sorted and each count is capped at cap. The text's columns are sorted on their own
    and merged with the context's: a context can hold hundreds of class tokens, sorted once per page."""
    cdef Py_ssize_t n_rows = len(texts)
    cdef Py_ssize_t need = max(max_words, max_pairs + 1)  # the words a block's tokens use
    cdef Py_ssize_t* word_at = <Py_ssize_t*>malloc(2 * need * sizeof(Py_ssize_t))  # start, end of each
    if word_at == NULL:
        raise MemoryError()
    cdef str text
    cdef Py_ssize_t length, pos, found
    cdef _Buffer buf = _Buffer()
    buf.size = 0
    buf.add(b"empty", 5)
    cdef int32_t empty_column = buf.column(n_features)

    indptr = np.zeros(n_rows + 1, dtype=np.int32)
    cdef int32_t[::1] ptr = indptr
    cdef Py_ssize_t capacity = 1024, used = 0
    cdef int32_t* cols = <int32_t*>malloc(capacity * sizeof(int32_t))
    cdef double* counts = <double*>malloc(capacity * sizeof(double))
    cdef int32_t* row = <int32_t*>malloc((max_words + max_pairs + 1) * sizeof(int32_t))
    cdef int32_t* scratch = <int32_t*>malloc((max_words + max_pairs + 1) * sizeof(int32_t))
    cdef Py_ssize_t i, j, k, n_words, n_pairs, n_row, start, m_at, m_end
    cdef int32_t column
    cdef void* grown
    cdef int kind
    cdef void* code_units
    if cols == NULL or counts == NULL or row == NULL or scratch == NULL:
        free(cols); free(counts); free(row); free(scratch); free(word_at)
        raise MemoryError()
    try:
        for i in range(n_rows):
            text = texts[i]
            length = len(text)
            kind = PyUnicode_KIND(text)
            code_units = PyUnicode_DATA(text)
            found = 0
            pos = 0
            while pos < length and found < need:
                if _is_word(PyUnicode_READ(kind, code_units, pos)):
                    word_at[2 * found] = pos
                    pos += 1
                    while pos < length and _is_word(PyUnicode_READ(kind, code_units, pos)):
                        pos += 1
                    word_at[2 * found + 1] = pos
                    found += 1
                else:
                    pos += 1
            m_at = markup_start[markup_of[i]]
            m_end = markup_start[markup_of[i] + 1]
            n_words = min(found, max_words)
            n_pairs = min(max(found - 1, 0), max_pairs)
            n_row = 0
            for j in range(n_words):
                buf.size = 0
                buf.add(b"w:", 2)
                buf.add_chars(text, word_at[2 * j], word_at[2 * j + 1])
                row[n_row] = buf.column(n_features)
                n_row += 1
            for j in range(n_pairs):
                buf.size = 0
                buf.add(b"w2:", 3)
                buf.add_chars(text, word_at[2 * j], word_at[2 * j + 1])
                buf.add(b"_", 1)
                buf.add_chars(text, word_at[2 * j + 2], word_at[2 * j + 3])
                row[n_row] = buf.column(n_features)
                n_row += 1
            if found == 0:
                row[n_row] = empty_column
                n_row += 1
            _sort_columns(row, n_row, scratch)
            if used + n_row + (m_end - m_at) > capacity:
                capacity = 2 * (used + n_row + (m_end - m_at))
                grown = realloc(cols, capacity * sizeof(int32_t))
                if grown == NULL:
                    raise MemoryError()
                cols = <int32_t*>grown
                grown = realloc(counts, capacity * sizeof(double))
                if grown == NULL:
                    raise MemoryError()
                counts = <double*>grown
            start = used
            j = 0
            while j < n_row or m_at < m_end:  # merge the two sorted runs, counting equal columns once
                if m_at >= m_end or (j < n_row and row[j] <= markup[m_at]):
                    column = row[j]
                    j += 1
                else:
                    column = markup[m_at]
                    m_at += 1
                if used > start and cols[used - 1] == column:
                    counts[used - 1] += 1.0
                else:
                    cols[used] = column
                    counts[used] = 1.0
                    used += 1
            for k in range(start, used):
                if counts[k] > cap:
                    counts[k] = cap
            ptr[i + 1] = <int32_t>used
        indices = np.empty(used, dtype=np.int32)
        data = np.empty(used, dtype=np.float64)
        if used:
            memcpy(_address_int32(indices), cols, used * sizeof(int32_t))
            memcpy(_address_double(data), counts, used * sizeof(double))
    finally:
        free(cols)
        free(counts)
        free(row)
        free(scratch)
        free(word_at)
    return indptr, indices, data


cdef void* _address_int32(object array) except NULL:
    cdef int32_t[::1] view = array
    return &view[0]


cdef void* _address_double(object array) except NULL:
    cdef double[::1] view = array
    return &view[0]


# ----- cue words and dates (reference: storysift.features._cue_flags) -----

from libc.stdint cimport int64_t


cdef inline Py_ssize_t _row_at(const int64_t[::1] starts, Py_ssize_t row, Py_ssize_t i) noexcept:
    """The block that position i of the joined text lies in (blocks start at `starts`), found forward
    from row, the block of an earlier position."""
    while row + 1 < starts.shape[0] and starts[row + 1] <= i:
        row += 1
    return row


cdef inline bint _digit_at(str text, Py_ssize_t i, Py_ssize_t length) noexcept:
    """text[i] is a \\d (a Unicode decimal digit), i within the text."""
    return 0 <= i < length and Py_UNICODE_ISDECIMAL(text[i])


cdef inline bint _date_sep_at(str text, Py_ssize_t i, Py_ssize_t length) noexcept:
    return 0 <= i < length and (text[i] == u"." or text[i] == u"/" or text[i] == u"-")


cdef bint _date_at(str text, Py_ssize_t b, Py_ssize_t length) noexcept:
    """A match of the date pattern \\d{1,4}[./-]\\d{1,2}[./-]\\d{1,4}|\\d{1,2}:\\d{2} uses text[b] as its
    first separator (a match needs one digit before it, no more, as a search may start at any digit)."""
    cdef Py_UCS4 ch = text[b]
    if not _digit_at(text, b - 1, length):
        return False
    if ch == u":":
        return _digit_at(text, b + 1, length) and _digit_at(text, b + 2, length)
    if not (ch == u"." or ch == u"/" or ch == u"-"):
        return False
    cdef int k
    for k in range(1, 3):  # one or two digits, then a separator and a digit
        if not _digit_at(text, b + k, length):
            return False
        if _date_sep_at(text, b + k + 1, length) and _digit_at(text, b + k + 2, length):
            return True
    return False


cdef class _Strings:
    """Strings copied into C arrays for the cue searches: their code points side by side (string k at
    chars[offset[k]:offset[k + 1]]), and next_of[k], the next string of k's chain (-1 ends it), for the
    caller to link. Freed with the object."""

    cdef Py_UCS4* chars
    cdef Py_ssize_t* offset
    cdef int32_t* next_of
    cdef Py_ssize_t n

    def __cinit__(self, list strings):
        cdef Py_ssize_t k, j, total = 0
        cdef str text
        self.n = len(strings)
        for k in range(self.n):
            total += len(<str>strings[k])
        self.chars = <Py_UCS4*>malloc((total + 1) * sizeof(Py_UCS4))
        self.offset = <Py_ssize_t*>malloc((self.n + 1) * sizeof(Py_ssize_t))
        self.next_of = <int32_t*>malloc((self.n + 1) * sizeof(int32_t))
        if self.chars == NULL or self.offset == NULL or self.next_of == NULL:
            raise MemoryError()
        self.offset[0] = 0
        for k in range(self.n):
            text = strings[k]
            self.offset[k + 1] = self.offset[k] + len(text)
            for j in range(len(text)):
                self.chars[self.offset[k] + j] = text[j]
            self.next_of[k] = -1

    def __dealloc__(self):
        free(self.chars)
        free(self.offset)
        free(self.next_of)


cdef class CueWords:
    """Listed words (word -> cue columns) copied into C arrays once, for `mark` to find in pages: a chain
    of word numbers per ASCII pair of first characters, one for the rest; a word of a text is compared
    only with its chain's."""

    cdef _Strings words
    cdef int64_t[::1] cue_start, cue_list
    cdef unsigned char sizes[64]
    cdef int32_t by_pair[16384]  # first word of each ASCII pair's chain (-1: none)
    cdef int32_t others  # chain of one-character words and words not opening with an ASCII pair
    cdef Py_ssize_t columns  # one past the largest cue column

    def __init__(self, dict cue_table):
        cdef Py_ssize_t j, w, size
        cdef str word
        cdef list listed = list(cue_table)
        cdef list flat = []
        self.words = _Strings(listed)
        self.cue_start = np.zeros(len(listed) + 1, dtype=np.int64)
        self.others = -1
        self.columns = 0
        for j in range(64):
            self.sizes[j] = 0
        for j in range(16384):
            self.by_pair[j] = -1
        for w in range(len(listed)):
            word = listed[w]
            size = len(word)
            if size >= 64:
                raise ValueError(f"cue word longer than 63 characters: {word!r}")
            if size == 0:
                raise ValueError("empty cue word")
            for c in cue_table[word]:
                if c < 0:
                    raise ValueError(f"cue column {c} of {word!r} is negative")
                self.columns = max(self.columns, c + 1)
                flat.append(c)
            self.cue_start[w + 1] = len(flat)
            self.sizes[size] = 1
            if size >= 2 and word[0] < 128 and word[1] < 128:
                j = <Py_ssize_t>word[0] * 128 + <Py_ssize_t>word[1]
                self.words.next_of[w] = self.by_pair[j]
                self.by_pair[j] = <int32_t>w
            else:
                self.words.next_of[w] = self.others
                self.others = <int32_t>w
        self.cue_list = np.array(flat + [0], dtype=np.int64)

    def mark(self, str lowered, const int64_t[::1] starts, int date_column, float[:, ::1] flags):
        """Set flags[row, cue] for every \\w+ word of lowered that the table lists and flags[row,
        date_column] for every block holding a date; row: the block the word or date starts in (blocks
        start at `starts` and are separated by a non-word character). The words and dates of
        storysift.features._cue_flags, found without making a match object per word."""
        cdef Py_ssize_t length = len(lowered), n_rows = starts.shape[0], n_cols = flags.shape[1]
        cdef Py_ssize_t i = 0, j, row = 0, size, w, c
        cdef Py_UCS4 ch, second
        cdef int kind = PyUnicode_KIND(lowered)
        cdef void* data = PyUnicode_DATA(lowered)
        cdef int32_t head
        if length == 0 or n_rows == 0:
            return
        if not 0 <= date_column < n_cols:
            raise ValueError(f"date column {date_column} is outside flags' {n_cols} columns")
        if self.columns > n_cols:
            raise ValueError(f"cue column {self.columns - 1} is outside flags' {n_cols} columns")
        if flags.shape[0] < n_rows:
            raise ValueError("flags needs a row per block")
        while i < length:
            ch = PyUnicode_READ(kind, data, i)
            if _is_word(ch):
                j = i + 1
                while j < length and _is_word(PyUnicode_READ(kind, data, j)):
                    j += 1
                size = j - i
                if size < 64 and self.sizes[size]:
                    second = PyUnicode_READ(kind, data, i + 1) if size >= 2 else 0
                    head = self.others
                    if size >= 2 and ch < 128 and second < 128:
                        head = self.by_pair[<Py_ssize_t>ch * 128 + <Py_ssize_t>second]
                    w = _find_word(head, self.words.next_of, self.words.offset, self.words.chars, kind, data,
                                   i, size)
                    if w >= 0:
                        while row + 1 < n_rows and starts[row + 1] <= i:
                            row += 1
                        for c in range(self.cue_start[w], self.cue_start[w + 1]):
                            flags[row, self.cue_list[c]] = 1.0
                i = j
            else:
                if (ch == u":" or ch == u"." or ch == u"/" or ch == u"-") and _date_at(lowered, i, length):
                    # the match starts at a digit before i, in the same block (digits are word characters,
                    # and blocks are separated by a non-word one)
                    row = _row_at(starts, row, i)
                    flags[row, date_column] = 1.0
                i += 1


cdef inline Py_ssize_t _find_word(int32_t w, const int32_t* next_of, const Py_ssize_t* offset,
                                  const Py_UCS4* chars, int kind, void* data, Py_ssize_t i,
                                  Py_ssize_t size) noexcept:
    """The number of the word of chain w (-1: none) that the text holds at i..i+size, or -1."""
    cdef Py_ssize_t j
    cdef const Py_UCS4* p
    while w >= 0:
        if offset[w + 1] - offset[w] == size:
            p = chars + offset[w]
            j = 0
            while j < size and PyUnicode_READ(kind, data, i + j) == p[j]:
                j += 1
            if j == size:
                return w
        w = next_of[w]
    return -1


# ----- character counts of text statistics (reference: storysift.features._char_counts) -----

from libc.stdint cimport uint8_t, uint16_t

# the class bits of storysift.features (LETTER, UPPER, CJK, DIGIT, PUNCT, SENT_END, SEPARATOR, SPACE)
cdef enum:
    C_LETTER = 1
    C_UPPER = 2
    C_CJK = 4
    C_DIGIT = 8
    C_PUNCT = 16
    C_SENT_END = 32
    C_SEPARATOR = 64
    C_SPACE = 128


ctypedef fused code_t:
    uint8_t
    uint16_t
    uint32_t


cdef inline Py_UCS4 _bmp(Py_UCS4 ch) noexcept nogil:
    """A code point as char_classes' table indexes it: everything past the BMP's last shares its row."""
    return ch if ch < 0xFFFF else 0xFFFF


cdef inline bint _count_stretch(const code_t* text, Py_ssize_t length, Py_ssize_t first, Py_ssize_t stop,
                                const uint8_t* classes, bint prev_word, int64_t* count) noexcept nogil:
    """Add to count (COUNTED's columns) the classes of text[first:stop] (char_counts' loop over one block's
    stretch) without a branch per class; prev_word: whether text[first - 1] is a word character. Returns
    whether text[stop - 1] is one."""
    cdef Py_ssize_t i
    cdef Py_UCS4 ch = text[first], following
    cdef uint8_t c, nxt = classes[_bmp(ch)]
    cdef bint word, start, upper, letter
    for i in range(first, stop):
        c = nxt
        if i + 1 < length:
            following = text[i + 1]
            nxt = classes[_bmp(following)]
        else:
            following = 0
            nxt = C_SPACE
        letter = (c & C_LETTER) != 0
        upper = (c & C_UPPER) != 0
        word = (letter & ((c & C_CJK) == 0)) | ((c & C_DIGIT) != 0) | (ch == 95)
        start = word & (not prev_word)
        prev_word = word
        count[0] += letter
        count[1] += (c & C_CJK) != 0
        count[2] += start
        count[9] += start & upper
        count[3] += (c & C_PUNCT) != 0
        count[4] += (c & C_DIGIT) != 0
        count[5] += upper
        count[6] += word
        count[7] += ((c & C_SENT_END) != 0) & ((nxt & C_SPACE) != 0)
        count[8] += (c & C_SEPARATOR) != 0
        count[10] += ch == 64
        count[11] += ch == 44
        ch = following
    return prev_word


cdef uint32_t _code_at(str text, Py_ssize_t i, Py_ssize_t length) except? 0xFFFFFFFF:
    """The code point at text[i], a negative i counted from the end, as numpy indexes (an empty block can
    put i outside the text, which this module's unchecked indexing would not catch)."""
    if i < 0:
        i += length
    if not 0 <= i < length:
        raise IndexError(f"index {i} outside a text of {length} characters")
    return <uint32_t>text[i]


def char_counts(str joined, const int64_t[::1] starts, const uint8_t[::1] table, int64_t[:, ::1] counts,
                uint32_t[:, ::1] edges):
    """Add to counts[row] the characters of each class in the block's stretch of joined (from its start to
    the next block's: its separator included), columns as storysift.features.COUNTED: letters, CJK, word
    starts, punctuation, digits, upper case, word characters, sentence ends followed by a space or the
    end, separators, upper-case word starts, '@', ','. A word start is a word character after a non-word
    one anywhere in joined (so the separator before a block ends the previous block's last word).
    edges[row]: the code points of the block's first, last and second-to-last characters (its length runs
    to the next block's start less one separator, the last block's to the end; the first when shorter)."""
    cdef Py_ssize_t length = len(joined)
    cdef Py_ssize_t n = starts.shape[0]
    cdef Py_ssize_t b, end
    cdef bint prev_word = False
    for b in range(n):
        end = starts[b + 1] - 1 if b + 1 < n else length
        edges[b, 0] = _code_at(joined, starts[b], length)
        edges[b, 1] = _code_at(joined, end - 1, length)
        edges[b, 2] = _code_at(joined, end - 2 if end - 2 > 0 else 0, length)
    if length == 0:
        return
    cdef int kind = PyUnicode_KIND(joined)
    cdef void* data = PyUnicode_DATA(joined)
    cdef int64_t count[12]
    cdef Py_ssize_t k, first = 0, stop
    # block after block over its stretch [its start, the next block's start): each class counted in
    # locals without a branch (a page's characters make the branches unpredictable), then added to its row
    for b in range(n):
        stop = starts[b + 1] if b + 1 < n else length
        if stop > length:
            stop = length
        for k in range(12):
            count[k] = 0
        if first < stop:
            if kind == PyUnicode_1BYTE_KIND:
                prev_word = _count_stretch(<const uint8_t*>data, length, first, stop, &table[0], prev_word, count)
            elif kind == PyUnicode_2BYTE_KIND:
                prev_word = _count_stretch(<const uint16_t*>data, length, first, stop, &table[0], prev_word, count)
            else:
                prev_word = _count_stretch(<const uint32_t*>data, length, first, stop, &table[0], prev_word, count)
            first = stop
        for k in range(12):
            counts[b, k] += count[k]


# ----- readability-style candidate scores (reference: storysift.candidates.candidate_features) -----

cdef inline Py_ssize_t _last_slash(str path, Py_ssize_t end) noexcept:
    """Index of the last '/' in path[:end], -1 when there is none (str.rfind without a method call)."""
    cdef Py_ssize_t k = end - 1
    while k >= 0:
        if path[k] == u"/":
            return k
        k -= 1
    return -1


cdef inline double _paragraph_score(str text) noexcept:
    cdef Py_ssize_t commas = 0
    cdef Py_UCS4 ch
    for ch in text:
        if ch == u"," or ch == u"，" or ch == u"、":
            commas += 1
    cdef double size = len(text) / 100.0
    return 1.0 + commas + (size if size <= 3.0 else 3.0)


cdef inline bint _inside(str path, str prefix):
    """path.startswith(prefix) (one memcmp where both strings are of one kind)."""
    if len(path) < len(prefix):
        return False
    return PyUnicode_Tailmatch(path, prefix, 0, len(path), -1) == 1


def candidate_features(list blocks, const double[::1] chars, const double[::1] links, class_weight,
                       dict tag_weights, double min_chars, const double[::1] dividers, double[:, ::1] out):
    """Fill out (n x 3) as storysift.candidates.candidate_features does for an HTML page's blocks."""
    cdef Py_ssize_t n = len(blocks)
    cdef Py_ssize_t i, level, cut, lo, hi, n_levels = dividers.shape[0]
    cdef double score, total, density, top, best, value
    cdef dict found = {}, weights = {}
    cdef list ancestors = [], xpaths = [], mine = [], entry
    cdef str path, prefix, top_path
    cdef Py_ssize_t parent_end, last_parent_end = -1
    for i in range(n):
        b = blocks[i]
        path = b.xpath or ""
        xpaths.append(path)
        score = _paragraph_score(b.text) if chars[i] >= min_chars else 0.0
        parent_end = _last_slash(path, len(path))
        # a sibling of the block before has its ancestors: the same strings, sliced once
        if not (parent_end > 0 and parent_end == last_parent_end and _inside(path, mine[0])):
            mine = []
            cut = len(path)
            for level in range(1, n_levels + 1):
                cut = _last_slash(path, cut)
                if cut <= 0:
                    break
                mine.append(path[:cut])
            last_parent_end = parent_end if mine else -1
        ancestors.append(mine)
        if not score:
            continue
        for level in range(1, len(mine) + 1):
            parent = mine[level - 1]
            entry = found.get(parent)
            if entry is None:
                tokens = b.tokens[level] if level < len(b.tokens) else ""
                tags = b.tags
                tag = tags[len(tags) - 1 - level] if level < len(tags) else ""  # no negative index: wraparound is off
                weight = weights.get(tokens)
                if weight is None:  # a page repeats few class/id token lists: each one's weight once
                    weight = weights[tokens] = class_weight(tokens)
                entry = found[parent] = [weight + tag_weights.get(tag, 0.0), i, i]
            entry[0] += score / dividers[level - 1]
            entry[2] = i
    if not found:
        return
    cdef double[::1] csum_chars = np.concatenate([[0.0], np.cumsum(chars)])
    cdef double[::1] csum_links = np.concatenate([[0.0], np.cumsum(links)])
    cdef dict final = {}
    top_path = None
    top = 0.0
    for parent, entry in found.items():
        score = entry[0]
        lo = entry[1]
        hi = entry[2]
        prefix = parent + "/"
        while lo > 0 and _inside(xpaths[lo - 1], prefix):
            lo -= 1
        while hi + 1 < n and _inside(xpaths[hi + 1], prefix):
            hi += 1
        total = csum_chars[hi + 1] - csum_chars[lo]
        density = (csum_links[hi + 1] - csum_links[lo]) / total if total else 0.0
        value = score * (1.0 - density)
        final[parent] = value
        if top_path is None or value > top:  # the first of equal maxima, as max() picks
            top_path = parent
            top = value
    prefix = top_path + "/"
    cdef double log_top = np.log1p(top if not (0.0 > top) else 0.0)  # max(top, 0.0), -0.0 kept
    best = 0.0
    found_any = False
    for i in range(n):
        out[i, 0] = _inside(xpaths[i], prefix)
        if top > 0:
            if i == 0 or ancestors[i] is not ancestors[i - 1]:  # siblings share their best ancestor
                best = 0.0
                found_any = False
                for parent in ancestors[i]:
                    got = final.get(parent)
                    if got is not None and (not found_any or <double>got > best):
                        best = got
                        found_any = True
            if found_any:
                out[i, 1] = best / top
        out[i, 2] = log_top


# ----- a block's tag, ancestors and class/id keywords (reference: storysift.features.own_features) -----

cdef inline void _copy_row(float[:, ::1] out, Py_ssize_t to, Py_ssize_t source) noexcept:
    cdef Py_ssize_t j
    for j in range(out.shape[1]):
        out[to, j] = out[source, j]


cdef inline bint _matches_at(str text, Py_ssize_t i, str word, Py_ssize_t known) noexcept:
    """Whether word occurs in text at i, its first `known` characters already found equal."""
    cdef Py_ssize_t j = known, m = len(word)
    if i + m > len(text):
        return False
    while j < m and text[i + j] == word[j]:
        j += 1
    return j == m


cdef uint64_t _keyword_mask(str text, list starting, const unsigned char* has, tuple keywords):
    """Bit k set for every keyword k that text holds (keyword in text): each keyword is tried only where
    text has its first two letters (every keyword starts with two a-z letters)."""
    cdef Py_ssize_t i, n = len(text), pair
    cdef Py_UCS4 a, b
    cdef uint64_t mask = 0
    for i in range(n - 1):
        a = text[i]
        b = text[i + 1]
        if not (u"a" <= a <= u"z" and u"a" <= b <= u"z"):
            continue
        pair = (<Py_ssize_t>a - 97) * 26 + (<Py_ssize_t>b - 97)
        if not has[pair]:
            continue
        for k in starting[pair]:
            if _matches_at(text, i, keywords[k], 2):
                mask |= (<uint64_t>1) << <int>k
    return mask


cdef void _mark_mask(uint64_t mask, float[:, ::1] out, Py_ssize_t row, Py_ssize_t offset, Py_ssize_t n_kw) noexcept:
    cdef Py_ssize_t k
    for k in range(n_kw):
        if (mask >> k) & 1:
            out[row, offset + k] = 1.0


cdef class Keywords:
    """Class/id keywords (two or more a-z letters each, at most 64) indexed once by their first two
    letters (a-z pairs, 26 x 26), for `block_tables`."""

    cdef tuple keywords
    cdef unsigned char has[676]
    cdef list starting

    def __init__(self, tuple keywords):
        cdef Py_ssize_t j, k
        cdef str kw
        if len(keywords) > 64:
            raise ValueError(f"at most 64 keywords, not {len(keywords)}")
        self.keywords = keywords
        self.starting = [[] for _ in range(676)]
        for j in range(676):
            self.has[j] = 0
        for j in range(len(keywords)):
            kw = keywords[j]
            if len(kw) < 2 or not all(u"a" <= ch <= u"z" for ch in kw):
                raise ValueError(f"a keyword is two or more a-z letters, not {kw!r}")
            k = (<Py_ssize_t>(<Py_UCS4>kw[0]) - 97) * 26 + (<Py_ssize_t>(<Py_UCS4>kw[1]) - 97)
            self.has[k] = 1
            self.starting[k].append(j)


def block_tables(list blocks, dict tag_index, Py_ssize_t other_tag, dict anc_index, Keywords index,
                 float[:, ::1] out_tag, float[:, ::1] out_anc, float[:, ::1] out_kw, double[::1] links):
    """Fill the zeroed out_tag, out_anc, out_kw and links as storysift.features.own_features does: the
    tag's one-hot column (other_tag when unknown), the ancestor tags (the element's own excluded) and
    their count, the keywords in the first three class/id token lists and in the rest, and link chars.
    Blocks sharing an ancestry or a token list share its row, computed once. A keyword (a-z letters, no
    space) is in the space-joined token lists exactly when it is in one of them, so each distinct token
    list's keywords are found once, as a bit mask (at most 64 keywords), and a block's are their union."""
    cdef tuple keywords = index.keywords
    cdef Py_ssize_t i, j, k, n = len(blocks), n_kw = len(keywords), last = out_anc.shape[1] - 1
    cdef dict anc_first = {}, kw_first = {}, mask_of = {}
    cdef uint64_t near, far
    cdef list starting = index.starting
    cdef const unsigned char* has = index.has
    for i in range(n):
        b = blocks[i]
        links[i] = b.link_chars
        column = tag_index.get(b.tag)
        out_tag[i, other_tag if column is None else <Py_ssize_t>column] = 1.0
        tags = b.tags
        first = anc_first.get(tags)
        if first is None:
            anc_first[tags] = i
            k = len(tags)
            for j in range(k - 1):
                column = anc_index.get(tags[j])
                if column is not None:
                    out_anc[i, <Py_ssize_t>column] = 1.0
            out_anc[i, last] = k
        else:
            _copy_row(out_anc, i, <Py_ssize_t>first)
        tokens = b.tokens
        first = kw_first.get(tokens)
        if first is None:
            kw_first[tokens] = i
            near = far = 0
            for j in range(len(tokens)):
                token_list = tokens[j]
                mask = mask_of.get(token_list)
                if mask is None:
                    mask = mask_of[token_list] = _keyword_mask(token_list, starting, has, keywords)
                if j < 3:
                    near |= <uint64_t>mask
                else:
                    far |= <uint64_t>mask
            _mark_mask(near, out_kw, i, 0, n_kw)
            _mark_mask(far, out_kw, i, n_kw, n_kw)
        else:
            _copy_row(out_kw, i, <Py_ssize_t>first)


# ----- cue phrases and a block's opening words (reference: storysift.features._cue_flags, lead_cue_flags) -----

cdef class CuePhrases:
    """Phrases and their cue columns copied into C arrays once (`_Strings`), for `mark` to find in pages:
    chains of phrase numbers per ASCII pair and per first character."""

    cdef _Strings table
    cdef int64_t[::1] cue_of
    cdef int32_t by_pair[16384]  # first phrase of each ASCII pair's chain (-1: none)
    cdef int32_t by_ascii_first[128]  # first phrase of each ASCII first character's chain
    cdef int32_t other_first  # chain of the phrases tried by a non-ASCII first character
    cdef Py_ssize_t n_phrases, columns

    def __init__(self, list phrases, const int64_t[::1] cue_of):
        cdef Py_ssize_t k, m, pair
        cdef Py_UCS4 ch
        cdef const Py_UCS4* chars
        cdef const Py_ssize_t* offset
        cdef int32_t* next_of
        self.n_phrases = len(phrases)
        if cue_of.shape[0] < self.n_phrases:
            raise ValueError("cue_of needs a column per phrase")
        self.cue_of = np.array(cue_of[: self.n_phrases], dtype=np.int64)
        self.columns = 0
        for k in range(self.n_phrases):
            if cue_of[k] < 0:
                raise ValueError(f"cue column {cue_of[k]} of phrase {k} is negative")
            self.columns = max(self.columns, cue_of[k] + 1)
        self.table = _Strings(phrases)
        for k in range(16384):
            self.by_pair[k] = -1
        for k in range(128):
            self.by_ascii_first[k] = -1
        self.other_first = -1
        chars = self.table.chars
        offset = self.table.offset
        next_of = self.table.next_of
        # chains are built from the last phrase back, so that each lists its phrases in order
        for k in range(self.n_phrases - 1, -1, -1):
            m = offset[k + 1] - offset[k]
            if m == 0:
                continue  # the reference's str.find would match an empty phrase anywhere; none is listed
            ch = chars[offset[k]]
            if m >= 2 and ch < 128 and chars[offset[k] + 1] < 128:
                pair = <Py_ssize_t>ch * 128 + <Py_ssize_t>chars[offset[k] + 1]
                next_of[k] = self.by_pair[pair]
                self.by_pair[pair] = <int32_t>k
            elif ch < 128:
                next_of[k] = self.by_ascii_first[ch]
                self.by_ascii_first[ch] = <int32_t>k
            else:
                next_of[k] = self.other_first
                self.other_first = <int32_t>k

    def mark(self, str lowered, const int64_t[::1] starts, float[:, ::1] flags):
        """Set flags[row, cue_of[k]] for every block (row, starting at `starts`) that holds phrase k: one
        pass over lowered, each position tried only against the phrases whose first two characters it
        holds (one-character phrases and phrases opening with a non-ASCII pair by their first character).
        No phrase holds the block separator, so an occurrence lies in the block it starts in, as str.find
        gives them."""
        cdef Py_ssize_t length = len(lowered), i, row = 0
        cdef Py_UCS4 ch, nxt
        cdef int kind = PyUnicode_KIND(lowered)
        cdef void* data = PyUnicode_DATA(lowered)
        cdef Py_ssize_t n_rows = starts.shape[0], n_cols = flags.shape[1]
        if length == 0 or n_rows == 0 or self.n_phrases == 0:
            return
        if flags.shape[0] < n_rows:
            raise ValueError("flags needs a row per block")
        if self.columns > n_cols:
            raise ValueError(f"cue column {self.columns - 1} is outside flags' {n_cols} columns")
        cdef const int64_t* starts_p = &starts[0]
        cdef const int64_t* cue_p = &self.cue_of[0]
        cdef float* flags_p = &flags[0, 0]
        cdef const Py_UCS4* chars = self.table.chars
        cdef const Py_ssize_t* offset = self.table.offset
        cdef int32_t* next_of = self.table.next_of
        for i in range(length):
            ch = PyUnicode_READ(kind, data, i)
            if ch < 128:
                if i + 1 < length:
                    nxt = PyUnicode_READ(kind, data, i + 1)
                    if nxt < 128 and self.by_pair[<Py_ssize_t>ch * 128 + <Py_ssize_t>nxt] >= 0:
                        row = _match_chain(self.by_pair[<Py_ssize_t>ch * 128 + <Py_ssize_t>nxt], next_of,
                                           offset, chars, kind, data, i, length, ch, starts_p, n_rows, row,
                                           cue_p, flags_p, n_cols)
                if self.by_ascii_first[ch] >= 0:
                    row = _match_chain(self.by_ascii_first[ch], next_of, offset, chars, kind, data, i, length,
                                       ch, starts_p, n_rows, row, cue_p, flags_p, n_cols)
            elif self.other_first >= 0:
                row = _match_chain(self.other_first, next_of, offset, chars, kind, data, i, length, ch,
                                   starts_p, n_rows, row, cue_p, flags_p, n_cols)


cdef inline Py_ssize_t _match_chain(int32_t k, const int32_t* next_of, const Py_ssize_t* offset,
                                    const Py_UCS4* chars, int kind, void* data, Py_ssize_t i,
                                    Py_ssize_t length, Py_UCS4 ch, const int64_t* starts, Py_ssize_t n_rows,
                                    Py_ssize_t row, const int64_t* cue_of, float* flags,
                                    Py_ssize_t n_cols) noexcept:
    """Try the phrases of one chain (from phrase k on) at position i of the text, whose character there
    is ch; flag the block of each that matches (flags: n_rows x n_cols, C order). Returns the block of
    position i when a phrase matched, else row (the block of an earlier position)."""
    cdef Py_ssize_t m, j
    cdef const Py_UCS4* p
    while k >= 0:
        p = chars + offset[k]
        m = offset[k + 1] - offset[k]
        if p[0] == ch and i + m <= length:
            j = 1
            while j < m and PyUnicode_READ(kind, data, i + j) == p[j]:
                j += 1
            if j == m:
                while row + 1 < n_rows and starts[row + 1] <= i:
                    row += 1
                flags[row * n_cols + cue_of[k]] = 1.0
        k = next_of[k]
    return row


def leads(list texts):
    """Each text's opening as storysift.features._LEAD_RE (\\W*\\w*(?:\\W+\\w+)?\\W?) matches it: the
    non-word characters before the first word, the word, the next word with what separates them (when
    a word follows), and one non-word character after."""
    cdef list out = []
    cdef str text
    cdef Py_ssize_t i, j, n
    for text in texts:
        n = len(text)
        i = 0
        while i < n and not _is_word(text[i]):
            i += 1
        while i < n and _is_word(text[i]):
            i += 1
        j = i
        while j < n and not _is_word(text[j]):
            j += 1
        if j > i and j < n:  # \W+\w+: a word follows the separator
            while j < n and _is_word(text[j]):
                j += 1
            i = j
        if i < n and not _is_word(text[i]):
            i += 1
        out.append(text[:i])
    return out


# ----- container ids (reference: storysift.features.container_ids) -----

def container_ids(list blocks, int64_t[:, ::1] out):
    """Fill out (levels x blocks) as storysift.features.container_ids does: row L-1 numbers each block's
    ancestor container L steps above its element (its xpath cut L times at '/'), per level in order of
    first appearance; blocks of one parent element share one column, computed once."""
    cdef Py_ssize_t i, level, cut, n = len(blocks), levels = out.shape[0]
    cdef list seen = [{} for _ in range(levels)]
    cdef dict of_first = {}, ids
    cdef str path, parent
    cdef list column
    for i in range(n):
        path = blocks[i].xpath or ""
        cut = _last_slash(path, len(path))
        parent = path[:cut] if cut > 0 else ""
        column = of_first.get(parent)
        if column is None:
            column = of_first[parent] = []
            path = parent
            for level in range(levels):
                if level:
                    cut = _last_slash(path, len(path))
                    path = path[:cut] if cut > 0 else ""
                ids = seen[level]
                column.append(ids.setdefault(path, len(ids)))
        for level in range(levels):
            out[level, i] = column[level]


# ----- text statistics from the character counts (reference: storysift.features.text_stats) -----

cdef inline bint _among(uint32_t code, const uint32_t[::1] codes) noexcept:
    cdef Py_ssize_t k
    for k in range(codes.shape[0]):
        if codes[k] == code:
            return True
    return False


cdef inline double _at_least_one(double value) noexcept:
    """np.maximum(value, 1) for a value that is no NaN (a count)."""
    return value if value > 1.0 else 1.0


def text_columns(const int64_t[:, ::1] counts, const uint32_t[:, ::1] edges, const int64_t[::1] lengths,
                 const double[::1] link_chars, const uint8_t[::1] table, const uint32_t[::1] end_punct,
                 const uint32_t[::1] quotes, double[::1] words, double[:, ::1] out):
    """The columns of storysift.features.text_stats after its two logarithms, from `char_counts`'s counts
    and edges: out[row] = link_share ... two_commas (features.TEXT_STAT_NAMES[2:]), the same arithmetic
    on float64; words[row]: the block's word count (a CJK character a third of a word), whose log1p is
    log_words. Counts are columns of features.COUNTED: letter 0, cjk 1, word_start 2, punct 3, digit 4,
    upper 5, word_char 6, sentence_end 7, separator 8, upper_word_start 9, at 10, comma 11."""
    cdef Py_ssize_t i, n = counts.shape[0]
    cdef double chars, eff, n_words
    cdef uint32_t first, last
    if out.shape[0] < n or out.shape[1] != 18 or words.shape[0] < n or lengths.shape[0] < n:
        raise ValueError("text_columns needs 18 columns and a row per block")
    for i in range(n):
        chars = <double>lengths[i]
        n_words = <double>counts[i, 2]
        eff = n_words + <double>counts[i, 1] / 3.0
        words[i] = eff
        first = edges[i, 0]
        last = edges[i, 1]
        out[i, 0] = (link_chars[i] if link_chars[i] < chars else chars) / chars
        out[i, 1] = <double>counts[i, 3] / chars
        out[i, 2] = <double>counts[i, 4] / chars
        out[i, 3] = <double>counts[i, 5] / _at_least_one(<double>counts[i, 0])
        out[i, 4] = 1.0 if _among(last, end_punct) else 0.0
        out[i, 5] = 1.0 if table[_bmp(first)] & C_UPPER else 0.0
        out[i, 6] = <double>counts[i, 6] / _at_least_one(n_words)
        out[i, 7] = <double>counts[i, 7] / _at_least_one(eff)
        out[i, 8] = <double>counts[i, 1] / chars
        out[i, 9] = <double>counts[i, 8] / _at_least_one(eff)
        out[i, 10] = 1.0 if chars < 20 else 0.0
        out[i, 11] = 1.0 if chars > 200 else 0.0
        out[i, 12] = 1.0 if last == 0x2026 or (last == 46 and edges[i, 2] == 46) else 0.0
        out[i, 13] = 1.0 if _among(first, quotes) else 0.0
        out[i, 14] = 1.0 if eff <= 3 else 0.0
        out[i, 15] = <double>counts[i, 9] / _at_least_one(n_words)
        out[i, 16] = 1.0 if counts[i, 10] > 0 else 0.0
        out[i, 17] = 1.0 if counts[i, 11] >= 2 else 0.0


# ----- a byte string in a page's bytes (reference: `needle in data`) -----

def holds(const unsigned char[::1] data, bytes needle, Py_ssize_t anchor):
    """Whether data holds needle, as `needle in data` tells: each place of needle[anchor] found by memchr
    (a byte the caller knows to be rare in pages), the rest of needle compared there. Python's own search
    reads a page's bytes one by one; memchr reads them many at a time."""
    cdef Py_ssize_t n = data.shape[0], m = len(needle), at = anchor
    cdef const unsigned char* text
    cdef const unsigned char* pattern = <const unsigned char*>(<char*>needle)
    cdef const unsigned char* hit
    if not 0 <= anchor < m:
        raise ValueError(f"anchor {anchor} is outside a needle of {m} bytes")
    if n < m:
        return False
    text = &data[0]
    while at <= n - m + anchor:
        hit = <const unsigned char*>memchr(text + at, pattern[anchor], n - m + anchor + 1 - at)
        if hit == NULL:
            return False
        at = hit - text
        if memcmp(text + at - anchor, pattern, m) == 0:
            return True
        at += 1
    return False


# ----- per-block facts of a page (reference: storysift.features.page_structure) -----

def block_facts(list blocks, Py_ssize_t depth, double[::1] chars, double[::1] links, double[::1] repeated,
                int64_t[::1] elements, int64_t[::1] templates):
    """Fill, per block, as storysift.features.page_structure does: its characters and link characters, 1.0
    where its text occurs more than once among the blocks (else 0.0), the code of its xpath and of its
    template (tags[-depth:], tokens[:depth]), codes numbered in order of first appearance."""
    cdef Py_ssize_t i, n = len(blocks)
    cdef dict text_count = {}, element_code = {}, template_code = {}
    cdef list texts = [None] * n
    cdef object block, text, key, code, tags
    if depth <= 0:
        raise ValueError("a template needs a depth of at least 1")
    for i in range(n):
        block = blocks[i]
        text = block.text
        texts[i] = text
        chars[i] = len(text)
        links[i] = block.link_chars
        code = text_count.get(text)
        text_count[text] = 1 if code is None else 2
        key = block.xpath
        code = element_code.get(key)
        if code is None:
            code = element_code[key] = len(element_code)
        elements[i] = code
        tags = block.tags
        key = (tags[max(len(tags) - depth, 0):], block.tokens[:depth])  # tags[-depth:] (no wraparound here)
        code = template_code.get(key)
        if code is None:
            code = template_code[key] = len(template_code)
        templates[i] = code
    for i in range(n):
        repeated[i] = 1.0 if <object>text_count[texts[i]] == 2 else 0.0


# ----- context aggregates of per-block values (reference: storysift.features._reference_context_parts) -----

cdef Py_ssize_t _n_groups(const int64_t[::1] groups) noexcept:
    """max(groups) + 1, 0 for none: the length np.bincount gives."""
    cdef Py_ssize_t i, k = 0
    for i in range(groups.shape[0]):
        if groups[i] + 1 > k:
            k = groups[i] + 1
    return k


cdef void _group_mean(const double[:, ::1] values, const int64_t[::1] groups, const double[::1] weights,
                      double[:, ::1] out, Py_ssize_t col):
    """features.group_mean into out[:, col:col+m]: the sums made in row order, as np.bincount makes them."""
    cdef Py_ssize_t n = values.shape[0], m = values.shape[1], i, j, g, k = 0
    cdef double w
    k = _n_groups(groups)
    wsum = np.zeros(k)
    sums = np.zeros((k, m))
    cdef double[::1] ws = wsum
    cdef double[:, ::1] s = sums
    for i in range(n):
        ws[groups[i]] += weights[i]
    for j in range(m):
        for i in range(n):
            s[groups[i], j] += values[i, j] * weights[i]
    for i in range(n):
        g = groups[i]
        w = ws[g]
        if not (w != w or w > 1e-9):  # np.maximum(w, 1e-9): NaN stays NaN
            w = 1e-9
        for j in range(m):
            out[i, col + j] = s[g, j] / w


def context_matrix(const double[:, ::1] values, const int64_t[:, ::1] containers, const double[::1] weights,
                   templates, double[:, ::1] out):
    """The parts of features._reference_context_parts side by side in out (n x m*parts): the values, their rows
    shifted by -2, -1, +1, +2, their window means of radius 3 and 10, their weighted means over the
    containers one, two and three levels up and, when templates is not None, over the block's template.
    The same arithmetic in the same order as the numpy reference (cumulative sums down each column,
    np.bincount's row-order sums), so the same float64 values."""
    cdef Py_ssize_t n = values.shape[0], m = values.shape[1], i, j, src, lo, hi, col = 0, r, radius
    cdef Py_ssize_t offsets[4]
    cdef Py_ssize_t radii[2]
    offsets[:] = [-2, -1, 1, 2]
    radii[:] = [3, 10]
    for i in range(n):
        for j in range(m):
            out[i, j] = values[i, j]
    col = m
    for r in range(4):
        for i in range(n):
            src = i + offsets[r]
            for j in range(m):
                out[i, col + j] = values[src, j] if 0 <= src < n else 0.0
        col += m
    csum_array = np.zeros((n + 1, m))
    cdef double[:, ::1] csum = csum_array
    if n:
        for j in range(m):
            csum[1, j] = values[0, j]
        for i in range(1, n):
            for j in range(m):
                csum[i + 1, j] = csum[i, j] + values[i, j]
    for r in range(2):  # a typed radius: as a Python int it made every row's bounds Python arithmetic
        radius = radii[r]
        for i in range(n):
            lo = min(max(i - radius, 0), n)
            hi = min(max(i + radius + 1, 0), n)
            for j in range(m):
                out[i, col + j] = (csum[hi, j] - csum[lo, j]) / <double>(hi - lo)
        col += m
    for r in range(3):
        _group_mean(values, containers[r], weights, out, col)
        col += m
    if templates is not None:
        _group_mean(values, templates, weights, out, col)


# ----- where the page's story mass sits (reference: storysift.features.region_features) -----

def region_matrix(const double[:, ::1] masses, const double[::1] totals, const int64_t[:, ::1] containers,
                  double[:, ::1] out):
    """Fill out (n x masses*levels*2) as features.region_features does: for each mass (row of masses, with
    its page total), for each container level, the share of the total in the block's container (np.bincount's
    row-order sums) and whether that container holds the most (the first of equal maxima, as argmax)."""
    cdef Py_ssize_t n = masses.shape[1], levels = containers.shape[0], i, a, level, k = 0, col = 0
    for level in range(levels):
        k = max(k, _n_groups(containers[level]))
    cdef double[::1] sums = np.empty(k)  # one scratch for every level's sums, zeroed by _region_level
    for a in range(masses.shape[0]):
        for level in range(levels):
            _region_level(masses[a], totals[a], containers[level], sums[: _n_groups(containers[level])], out, col)
            col += 2


cdef void _region_level(const double[::1] mass, double total, const int64_t[::1] groups, double[::1] sums,
                        double[:, ::1] out, Py_ssize_t col):
    cdef Py_ssize_t n = mass.shape[0], k = sums.shape[0], i, best = 0
    for i in range(k):
        sums[i] = 0.0
    for i in range(n):
        sums[groups[i]] += mass[i]
    for i in range(1, k):
        if sums[i] > sums[best]:
            best = i
    for i in range(n):
        out[i, col] = sums[groups[i]] / total
        out[i, col + 1] = 1.0 if groups[i] == best else 0.0


# ----- the linear stage without SciPy (references: scipy.special.expit, scipy.sparse's csr @ dense) -----

from libc.math cimport exp


def expit_into(const double[::1] x, double[::1] out):
    """out[i] = 1 / (1 + exp(-x[i])): scipy.special.expit's own formula with the C library's exp, so the
    same bits (checked against it in the tests)."""
    cdef Py_ssize_t i
    for i in range(x.shape[0]):
        out[i] = 1.0 / (1.0 + exp(-x[i]))


cdef extern from *:
    """
    #if defined(__GNUC__) || defined(__clang__)
    #define STORYSIFT_PREFETCH(p) __builtin_prefetch(p)
    #else
    #define STORYSIFT_PREFETCH(p) ((void)0)
    #endif
    """
    void _prefetch "STORYSIFT_PREFETCH"(const void* p) noexcept nogil


cdef enum:
    PREFETCH_AHEAD = 8  # stored entries between a weight row's prefetch and its use


def csr_dense_product(const int32_t[::1] indptr, const int32_t[::1] indices, const double[::1] data,
                      const double[:, ::1] dense, double[:, ::1] out):
    """out (zeros on entry) += the CSR matrix (indptr, indices, data) @ dense, in the order of SciPy's
    csr_matvecs: row by row, each stored entry in turn, adding data x dense's row to out's row."""
    cdef Py_ssize_t i, jj, k, n_vecs = dense.shape[1], ahead, n_stored = indices.shape[0]
    cdef const double* x
    cdef double* y
    cdef double a
    for i in range(indptr.shape[0] - 1):
        if n_vecs == 0:
            break
        y = &out[i, 0]
        for jj in range(indptr[i], indptr[i + 1]):
            # dense's rows are read at random (a hashed column each), mostly from memory, not cache: the
            # row PREFETCH_AHEAD entries on is asked for now, so that its read overlaps these sums
            ahead = jj + PREFETCH_AHEAD
            if ahead < n_stored:
                _prefetch(&dense[indices[ahead], 0])
            a = data[jj]
            x = &dense[indices[jj], 0]
            for k in range(n_vecs):
                y[k] += a * x[k]
