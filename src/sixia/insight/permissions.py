"""Rights of smart dispatch and repeated petitions (see ``sixia.core.permissions``)."""

from __future__ import annotations

from sixia.core.permissions import ALL_OFFICIALS, Right, declare

SUGGEST = "insight.suggest"
CONFIRM = "insight.confirm"
EDIT_WEIGHTS = "insight.edit_weights"

declare(
    Right(SUGGEST, "获取分类与重复件建议", "ask for category and repeat suggestions", ALL_OFFICIALS,
          "a computation that writes nothing"),
    Right(CONFIRM, "确认分类或标记重复件", "confirm a category or mark a repeat", frozenset({"admin", "dispatcher"}),
          "受理派单: the desk decides category, unit and 重复件"),
    Right(EDIT_WEIGHTS, "修改风险指数权重", "edit the risk index weights", frozenset({"admin"}),
          "one formula for the whole deployment, so risk indices stay comparable"),
)
