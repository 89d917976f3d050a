"""the cases newest filed first with their search text, for a search's page read from the index

``ix_enforcement_case_filed_search`` (filed_on, id, search_text): the search screen's page
(``ORDER BY filed_on DESC, id DESC LIMIT 50`` with a LIKE on ``search_text``) walks this index
newest first, tests each case's text from the index itself and reads a case's row only for the
page's matches (issue 17, search: at 100,000 cases ``ix_enforcement_case_filed_on`` alone made the
walk read every case row it passed over).

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-06
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

NAME = "ix_enforcement_case_filed_search"
COLUMNS = ["filed_on", "id", "search_text"]


def upgrade() -> None:
    op.create_index(NAME, "enforcement_case", COLUMNS, unique=False)


def downgrade() -> None:
    op.drop_index(NAME, table_name="enforcement_case")
