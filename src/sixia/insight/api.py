"""Insight API: classification suggestions and repeated-petition / hot-issue / risk endpoints.

Two routers so the classifier and the repeat detector can grow independently.
"""

from __future__ import annotations

from ninja import Router

from sixia.insight.api_classify import router as classify_router
from sixia.insight.api_repeats import router as repeats_router
from sixia.insight.api_weights import router as weights_router

router = Router(tags=["insight 智能分析"])
router.add_router("", classify_router)
router.add_router("", repeats_router)
router.add_router("", weights_router)
