"""Knowledge-tracing data sets, offline fitting and evaluation of the tracker (`mentor kt`).

Reading the data needs nothing beyond Python; fitting and scoring need the `kt` extra
(numpy, scipy, scikit-learn). The server never imports this package.
"""
