"""The parties and the claim of one demo case (a mixin of ``CaseMaker``): people with valid identity
numbers, companies, banks, organs; namesakes after 20,000 names; a few respondents in several
cases."""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

from ..domain.pinyin import search_key
from . import names as nm

#: distinct person names generated before names start repeating
NAME_POOL = 20_000


@dataclass(frozen=True)
class Party_:
    name: str
    kind: str
    id_number: str | None
    phone: str
    address: str


@lru_cache(maxsize=NAME_POOL * 2)
def _key(name: str, person: bool) -> str:
    return search_key(name, is_person_name=person)


class CaseParties:
    """Needs from the class it is mixed into: rng, area, as_of, name_pool, repeat_pool."""

    # --- amounts and parties --------------------------------------------------------------
    def _claim(self) -> int:
        rng = self.rng
        yuan = math.exp(rng.gauss(math.log(60_000), 1.05))
        yuan = min(max(yuan, 800.0), 60_000_000.0)
        r = rng.random()
        if r < 0.3:
            return int(round(yuan, -4 if yuan >= 100_000 else -3)) * 100 or 100_000
        if r < 0.6:
            return int(yuan) * 100
        return int(yuan * 100)

    def _person_name(self) -> tuple[str, bool]:
        """A new name until the pool is full, then a pooled one (namesakes are common; and the
        pinyin search key of each distinct name is computed once)."""
        rng = self.rng
        if len(self.name_pool) < NAME_POOL:
            male = rng.random() < 0.62
            self.name_pool.append((nm.person_name(rng, male), male))
            return self.name_pool[-1]
        return self.name_pool[rng.randrange(NAME_POOL)]

    def _person(self, role: str) -> Party_:
        rng = self.rng
        name, male = self._person_name()
        has_id = rng.random() < (0.97 if role == "respondent" else 0.9)
        return Party_(
            name=name,
            kind="person",
            id_number=nm.resident_id(rng, self.area, male, self.as_of) if has_id else None,
            phone=nm.mobile(rng) if rng.random() < 0.85 else "",
            address=nm.address(rng, self.area),
        )

    def _org(self, kind: str, name: str) -> Party_:
        rng = self.rng
        code = {
            "company": nm.credit_code,
            "organ": nm.organ_credit_code,
            "other_org": nm.other_org_credit_code,
        }[kind](rng, self.area)
        return Party_(name, kind, code, nm.mobile(rng), nm.address(rng, self.area))

    def _company(self) -> Party_:
        return self._org("company", nm.company_name(self.rng, self.area))

    def _parties(self, cause: str) -> tuple[list[Party_], list[Party_]]:
        rng = self.rng
        if cause in ("金融借款合同纠纷", "信用卡纠纷", "借款合同纠纷"):
            apps = [self._org("company", nm.bank_name(rng, self.area))]
        elif cause in ("建设工程施工合同纠纷", "买卖合同纠纷") and rng.random() < 0.5:
            apps = [self._company()]
        elif cause in ("劳务合同纠纷", "追索劳动报酬纠纷") and rng.random() < 0.3:
            apps = [self._person("applicant") for _ in range(rng.randint(2, 4))]
        else:
            apps = [self._person("applicant")]
            if rng.random() < 0.08:
                apps.append(self._person("applicant"))
        resps: list[Party_] = []
        if rng.random() < 0.015:  # 党政机关 as respondent (rare)
            resps.append(self._org("organ", nm.organ_name(rng, self.area)))
        elif rng.random() < 0.006:
            resps.append(self._org("other_org", nm.village_committee(rng, self.area)))
        elif cause in (
            "建设工程施工合同纠纷",
            "买卖合同纠纷",
            "劳务合同纠纷",
            "追索劳动报酬纠纷",
            "物业服务合同纠纷",
        ):
            resps.append(self._company() if rng.random() < 0.6 else self._person("respondent"))
        elif self.repeat_pool and rng.random() < 0.08:  # the same respondent in several cases
            resps.append(rng.choice(self.repeat_pool))
        else:
            resps.append(self._person("respondent"))
        if cause == "机动车交通事故责任纠纷" and rng.random() < 0.25:
            resps.append(self._org("company", nm.insurer_name(rng, self.area)))
        elif rng.random() < 0.18:  # a guarantor or spouse
            resps.append(self._person("respondent"))
        if len(self.repeat_pool) < 400 and resps[0].kind in ("person", "company") and rng.random() < 0.1:
            self.repeat_pool.append(resps[0])
        return apps, resps
