"""Rights of 点题整治 (see ``sixia.core.permissions``): 群众点题、部门答题、纪委监督、社会评价.

The public's own steps (nominate, vote, rate) need no right: they are anonymous, throttled, and each checks its
input itself (``services.public``)."""

from __future__ import annotations

from sixia.core.permissions import Right, declare

RECORD = "topics.record"
CURATE = "topics.curate"
ANSWER = "topics.answer"
SUPERVISE = "topics.supervise"

declare(
    Right(RECORD, "记录群众点题", "record nominations from the public", frozenset({"admin", "dispatcher", "handler",
                                                                          "leader", "discipline"}),
          "cadres who go down to the grassroots (走访、接访、调研) bring back what people want solved; the 纪检 organ "
          "collects 群众留言 as well"),
    Right(CURATE, "梳理点题并确定题目", "curate nominations into topics", frozenset({"admin", "dispatcher", "discipline"}),
          "点题整治 is run by the 纪委监委 (seeds: the provincial 纪委监委 lists the projects and their 责任目标); the "
          "信访 desk, which holds the people's 诉求, prepares the list with it; units that answer never pick their "
          "own topics"),
    Right(ANSWER, "部门答题（举措与进度）", "answer topics (measures and progress)", frozenset({"admin", "handler", "head"}),
          "部门答题: the lead and co-operating units record their measures and progress — only on topics their own unit "
          "answers (checked in the service)"),
    Right(SUPERVISE, "监督督办点题整治", "supervise topics (notes and urges)", frozenset({"admin", "supervisor",
                                                                                   "discipline"}),
          "纪委监督: the discipline organ (and the 督查 office, as with cases.supervise) follows the progress table and "
          "urges overdue measures (督办)"),
)
