"""Thin tasks: ids in, a service call."""

from celery import shared_task

from capaciteit import weekplannen


@shared_task
def los_weekplan_op(weekplan_id: int) -> str:
    return weekplannen.weekplan_oplossen(weekplan_id=weekplan_id).status


@shared_task
def onderbroken_weekplannen_hervatten() -> int:
    return weekplannen.onderbroken_hervatten()
