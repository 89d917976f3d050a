"""Org units (center, groups, teams) and staff with their roles."""

from pydantic import NaiveDatetime
from sqlmodel import Field

from ._base import TableModel


class OrgUnit(TableModel, table=True):
    """A group or team of the court's enforcement bureau, as its profile names it."""

    __tablename__ = "org_unit"

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(index=True, unique=True, max_length=40)  # the profile's id, e.g. "online_query"
    name: str = Field(max_length=60)  # the seed's name, e.g. 线上查控组
    kind: str = Field(max_length=20)  # center | group | team | office
    parent_id: int | None = Field(default=None, foreign_key="org_unit.id")
    sort_order: int = 0
    planned_size: int | None = None  # the seed's stated size
    active: bool = True


class Staff(TableModel, table=True):
    """A member of staff. ``role`` is one of the roles in ``zhixing_tui.domain.roles``.

    A person is known by ``id`` everywhere (audit, permissions, assignments); ``name`` is unique
    within the court (a second 吴敦辉 is entered disambiguated, e.g. 吴敦辉（线索查控组）).
    ``password_hash`` is scrypt (``services.accounts``), empty until a password is set;
    ``failed_logins`` and ``locked_until`` lock the account after repeated wrong passwords."""

    __tablename__ = "staff"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(index=True, unique=True, max_length=40)
    search_key: str = Field(default="", index=True, max_length=200)  # pinyin initials + full pinyin
    role: str = Field(max_length=30)
    title: str = Field(default="", max_length=40)  # 员额法官 / 法官助理 / 书记员 / 执行员 …
    unit_id: int | None = Field(default=None, foreign_key="org_unit.id", index=True)
    is_leader: bool = False
    phone: str = Field(default="", max_length=30)
    active: bool = True
    password_hash: str = Field(default="", max_length=200)
    failed_logins: int = 0
    locked_until: NaiveDatetime | None = None


class DeskSetting(TableModel, table=True):
    """Key/value settings of this database, e.g. which court profile it runs."""

    __tablename__ = "desk_setting"

    key: str = Field(primary_key=True, max_length=40)
    value: str = Field(max_length=400)
