from django.apps import AppConfig


class TasksConfig(AppConfig):
    name = "dangvu.tasks"
    label = "tasks"
    verbose_name = "Nhiệm vụ, sản phẩm và chấm điểm (Quy định 366-QĐ/TW)"

    def ready(self):
        from dangvu.core.audit import register

        from .models import Criterion, Evaluation, Framework, Task, TaskResult

        for model in (Task, TaskResult, Framework, Criterion, Evaluation):
            register(model)
