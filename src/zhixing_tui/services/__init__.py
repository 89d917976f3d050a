"""Use cases, one package per capability a clerk has (see docs/architecture.md).

Every use case takes a :class:`~zhixing_tui.services.desk.Desk`; every change runs in one
transaction and writes its audit entries (:mod:`~zhixing_tui.services.audit`) in it. Beside the
packages: ``desk`` (the handle on a database), ``audit``, ``permissions`` (who the operator is) and
``setup`` (a database for a court).
"""
