#!/usr/bin/env python3
"""Prints the reference values the unit tests of src/metrics/stats/ compare against.

Run: pip install scipy && python3 scripts/stats_reference.py  (values in the tests: scipy 1.17.1)
"""
import scipy.special as sp
import scipy.stats as st

print("gammaln", repr(sp.gammaln(0.5)), repr(sp.gammaln(10.0)), repr(sp.gammaln(123.4)))
print("betainc", repr(sp.betainc(2, 3, 0.4)), repr(sp.betainc(0.5, 7.5, 0.05)))
print("t two-sided", repr(2 * st.t.sf(2.0, 10)), repr(2 * st.t.sf(5.5, 37.3)), repr(2 * st.t.sf(0.1, 3)))
print("norm two-sided", repr(2 * st.norm.sf(1.959963984540054)), repr(2 * st.norm.sf(4.0)))

a = [10.1, 9.8, 10.3, 10.0, 9.9, 10.2, 10.1, 9.7]
b = [10.9, 11.2, 10.6, 11.0, 10.8, 11.4]
print("welch", repr(st.ttest_ind(a, b, equal_var=False).pvalue))

for a, b in [
    ([1.2, 3.4, 2.2, 5.1, 4.4, 2.9, 3.3], [4.5, 6.1, 5.5, 3.9, 7.2, 6.6]),
    ([1, 2, 2, 3, 3, 3, 4, 5, 5, 6, 7, 8], [3, 4, 4, 5, 6, 6, 7, 8, 8, 9, 9, 10, 11]),
    (list(range(30)), [x + 8.5 for x in range(25)]),
]:
    r = st.mannwhitneyu(a, b)
    print("mannwhitneyu", r.statistic, repr(r.pvalue))
print("mannwhitneyu exact", repr(st.mannwhitneyu(list(range(30)), [x + 8.5 for x in range(25)], method="exact").pvalue))
