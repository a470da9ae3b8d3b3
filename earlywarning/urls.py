from django.urls import path

from . import views

app_name = "earlywarning"
urlpatterns = [
    path("", views.ScoreListView.as_view(), name="score_list"),
    path("weights/", views.WeightSetListView.as_view(), name="weightset_list"),
    path("weights/new/", views.WeightSetCreateView.as_view(), name="weightset_create"),
]
