"""Background work: the compiled handbook PDF (汇编), built with WeasyPrint."""

from __future__ import annotations

import logging

from django.core.files.base import ContentFile
from django.template.loader import render_to_string
from django.utils import timezone
from django_tasks import task

from minping.departments.models import HandbookBuild, Material

logger = logging.getLogger(__name__)


@task()
def build_handbook(build_id: int) -> int:
    """Cover, contents, then each department's duties and report in group order.

    Updates the build row after each department so the page can show progress.
    """
    from minping.departments import content

    build = HandbookBuild.objects.select_related("campaign").get(pk=build_id)
    campaign = build.campaign
    try:
        order = [
            (group, department)
            for group in campaign.groups.order_by("number")
            for department in group.ordered_departments()
        ]
        build.status = HandbookBuild.Status.RUNNING
        build.total_steps = len(order) + 1
        build.done_steps = 0
        build.save(update_fields=["status", "total_steps", "done_steps"])
        sections = []
        for group, department in order:
            published = content.published_materials(campaign, department)
            info = published.get(Material.Kind.INFO)
            report = published.get(Material.Kind.REPORT)
            if info or report:
                sections.append(
                    {
                        "anchor": f"d{department.pk}",
                        "group": group,
                        "department": department,
                        "duties": info.data.get("info", {}).get("duties", "") if info else "",
                        "report": report.html if report else "",
                    }
                )
            HandbookBuild.objects.filter(pk=build.pk).update(done_steps=build.done_steps + 1)
            build.done_steps += 1
        html = render_to_string(
            "departments/handbook_pdf.html", {"campaign": campaign, "sections": sections}
        )
        from weasyprint import HTML

        pdf = HTML(string=html).write_pdf()
        build.file.save(f"handbook-{campaign.year}.pdf", ContentFile(pdf), save=False)
        build.status = HandbookBuild.Status.DONE
        build.done_steps = build.total_steps
    except Exception as exc:  # the page must say it failed instead of spinning forever
        logger.exception("handbook build %s failed", build_id)
        build.status = HandbookBuild.Status.FAILED
        build.error = f"{type(exc).__name__}: {exc}"[:2000]
    build.finished_at = timezone.now()
    build.save(update_fields=["status", "file", "done_steps", "error", "finished_at"])
    return build.pk
