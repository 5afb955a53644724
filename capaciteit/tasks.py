"""Thin tasks: ids in, a service call."""

from celery import shared_task

from capaciteit.services import weekplan


@shared_task
def los_weekplan_op(weekplan_id: int) -> str:
    return weekplan.weekplan_oplossen(weekplan_id=weekplan_id).status


@shared_task
def onderbroken_weekplannen_hervatten() -> int:
    return weekplan.onderbroken_hervatten()
