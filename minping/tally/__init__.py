"""minping.tally: the pure tally of anonymous ballots and its offline verifier.

No Django, standard library only: a third party copies this package and runs
``python -m minping.tally verify export/`` with a bare Python 3.11.

The ballots app builds a :class:`BallotDesign` and :class:`Ballot` records from its
rows and calls:

- :func:`check_ballot` before storing a ballot (phone: ``complete=True``);
- :func:`seal_venue` and :func:`sealed_entries` when sealing a venue: rewrite its rows
  in :func:`canonical_order`, keep the :class:`VenueSeal` and the sealed list (e.g. the
  bytes of :func:`sealed_csv_bytes`) on the seal row, then :func:`session_root`;
- :func:`write_export` (with the kept sealed lists) for the tallier, and
  :func:`compute_results` for the scores pages;
- :func:`read_results` + :func:`compare_results` on the tallier's uploaded result file.

The export format is documented in ``docs/tally-export.md``.
"""

from __future__ import annotations

from minping.tally.canonical import (
    ballot_dict,
    ballot_hash,
    canonical_bytes,
    canonical_order,
    new_ballot_id,
    seal_root,
    session_root,
)
from minping.tally.compare import compare_results, read_results
from minping.tally.design import (
    BallotChecker,
    check_ballot,
    default_scale,
    design_digest,
    design_from_dict,
    design_problems,
    design_to_dict,
)
from minping.tally.export import (
    ExportError,
    ballot_from_dict,
    read_export,
    read_sealed_csv,
    seal_venue,
    sealed_csv_bytes,
    sealed_entries,
    write_export,
)
from minping.tally.model import (
    SCHEMA_VERSION,
    WARNING_KINDS,
    Answer,
    Ballot,
    BallotDesign,
    BallotStatus,
    Cell,
    Choice,
    Conversion,
    ConversionBasis,
    ConversionKind,
    Criterion,
    DepartmentRef,
    DepartmentResult,
    Difference,
    Export,
    Finding,
    FindingKind,
    Manifest,
    Option,
    Problem,
    QuestionItem,
    QuestionResult,
    Results,
    Scale,
    ScaleKind,
    SealedEntry,
    VenueRef,
    VenueSeal,
    VenueTotals,
    VerifyReport,
)
from minping.tally.results import compute_results, results_bytes, results_to_dict
from minping.tally.verify import verify

__all__ = [
    "SCHEMA_VERSION",
    "WARNING_KINDS",
    "Answer",
    "Ballot",
    "BallotChecker",
    "BallotDesign",
    "BallotStatus",
    "Cell",
    "Choice",
    "Conversion",
    "ConversionBasis",
    "ConversionKind",
    "Criterion",
    "DepartmentRef",
    "DepartmentResult",
    "Difference",
    "Export",
    "ExportError",
    "Finding",
    "FindingKind",
    "Manifest",
    "Option",
    "Problem",
    "QuestionItem",
    "QuestionResult",
    "Results",
    "Scale",
    "ScaleKind",
    "SealedEntry",
    "VenueRef",
    "VenueSeal",
    "VenueTotals",
    "VerifyReport",
    "ballot_dict",
    "ballot_from_dict",
    "ballot_hash",
    "canonical_bytes",
    "canonical_order",
    "check_ballot",
    "compare_results",
    "compute_results",
    "default_scale",
    "design_digest",
    "design_from_dict",
    "design_problems",
    "design_to_dict",
    "new_ballot_id",
    "read_export",
    "read_results",
    "read_sealed_csv",
    "results_bytes",
    "results_to_dict",
    "seal_root",
    "seal_venue",
    "sealed_csv_bytes",
    "sealed_entries",
    "session_root",
    "verify",
    "write_export",
]
