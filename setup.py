"""Build of storysift's optional compiled accelerators (`storysift._speedups`, and `storysift._segment_core`
over lxml's C headers); everything else is in pyproject.toml. The package works without them: when
Cython or a C compiler is missing or fails, or STORYSIFT_NO_EXTENSION=1 is set, the install goes on
without them and storysift runs its pure-Python reference code (`storysift --version` says which runs)."""

import os
import sys

from setuptools import Extension, setup


def extensions() -> list:
    """The compiled extensions, or none when they are not wanted or Cython is missing."""
    if os.environ.get("STORYSIFT_NO_EXTENSION", "") not in ("", "0"):
        return []
    try:
        from Cython.Build import cythonize
    except ImportError:
        sys.stderr.write("storysift: Cython is not installed; building without the compiled accelerator\n")
        return []
    # no fused multiply-adds (the default on targets that have them, e.g. aarch64): the compiled sums and
    # products round as the reference's NumPy, SciPy and scikit-learn code rounds them
    flags = [] if sys.platform == "win32" else ["-O3", "-ffp-contract=off"]
    exts = [Extension("storysift._speedups", ["src/storysift/_speedups.pyx"], optional=True, extra_compile_args=flags)]
    try:
        import lxml  # the segmentation walk reads lxml's tree through lxml's own C headers
    except ImportError:
        sys.stderr.write("storysift: lxml is not importable at build time; segmentation stays in Python\n")
    else:
        exts.append(
            Extension(
                "storysift._segment_core",
                ["src/storysift/_segment_core.pyx"],
                include_dirs=lxml.get_include(),
                optional=True,
                extra_compile_args=flags,
            )
        )
    try:
        return cythonize(exts, quiet=True)
    except Exception as exc:  # an old or broken Cython: the package is whole without the accelerator
        sys.stderr.write(f"storysift: Cython failed ({exc}); building without the compiled accelerator\n")
        return []


setup(ext_modules=extensions())
