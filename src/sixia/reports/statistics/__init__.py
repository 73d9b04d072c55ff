"""Statistics of a region and a period (issue 16): periods, the figures and the lists they link to, the Excel
and Word outputs. ``docs/statistics.md`` defines every figure."""
