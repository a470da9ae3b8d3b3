from django.urls import path

from .views import cadres, committee, index, members, pipeline, training

app_name = "cadres"
urlpatterns = [
    path("", index.index_view, name="index"),
    # party members
    path("members/", members.MemberListView.as_view(), name="member_list"),
    path("members/new/", members.MemberCreateView.as_view(), name="member_create"),
    path("members/find/", members.member_find_view, name="member_find"),
    path("members/<int:pk>/", members.MemberDetailView.as_view(), name="member_detail"),
    path("members/<int:pk>/reveal/", members.MemberRevealView.as_view(), name="member_reveal"),
    path("members/<int:pk>/edit/", members.MemberUpdateView.as_view(), name="member_update"),
    path("members/<int:pk>/delete/", members.MemberDeleteView.as_view(), name="member_delete"),
    path("members/<int:pk>/advance/", members.member_advance_view, name="member_advance"),
    path("members/<int:pk>/extend-probation/", members.member_extend_view, name="member_extend"),
    path("members/<int:pk>/cancel-probation/", members.member_cancel_view, name="member_cancel"),
    path("members/<int:pk>/transfer/", members.member_transfer_view, name="member_transfer"),
    path("transfers/", members.TransferListView.as_view(), name="transfer_list"),
    path("pipeline/", pipeline.pipeline_view, name="pipeline"),
    # village two-committee members
    path("committee/", committee.CommitteeListView.as_view(), name="committee_list"),
    path("committee/new/", committee.CommitteeCreateView.as_view(), name="committee_create"),
    path("committee/<int:pk>/", committee.CommitteeDetailView.as_view(), name="committee_detail"),
    path("committee/<int:pk>/edit/", committee.CommitteeUpdateView.as_view(), name="committee_update"),
    path("committee/<int:pk>/delete/", committee.CommitteeDeleteView.as_view(), name="committee_delete"),
    path("committee/<int:pk>/assessments/new/", committee.AssessmentCreateView.as_view(), name="assessment_create"),
    path("assessments/<int:pk>/delete/", committee.assessment_delete_view, name="assessment_delete"),
    # national-language training
    path("trainings/", training.TrainingListView.as_view(), name="training_list"),
    path("trainings/new/", training.TrainingCreateView.as_view(), name="training_create"),
    path("trainings/<int:pk>/", training.TrainingDetailView.as_view(), name="training_detail"),
    path("trainings/<int:pk>/edit/", training.TrainingUpdateView.as_view(), name="training_update"),
    path("trainings/<int:pk>/delete/", training.TrainingDeleteView.as_view(), name="training_delete"),
    # cadres sent to villages
    path("sent-cadres/", cadres.CadreListView.as_view(), name="cadre_list"),
    path("sent-cadres/new/", cadres.CadreCreateView.as_view(), name="cadre_create"),
    path("sent-cadres/<int:pk>/", cadres.CadreDetailView.as_view(), name="cadre_detail"),
    path("sent-cadres/<int:pk>/reveal/", cadres.CadreRevealView.as_view(), name="cadre_reveal"),
    path("sent-cadres/<int:pk>/edit/", cadres.CadreUpdateView.as_view(), name="cadre_update"),
    path("sent-cadres/<int:pk>/delete/", cadres.CadreDeleteView.as_view(), name="cadre_delete"),
    path("sent-cadres/<int:pk>/logs/new/", cadres.CadreLogCreateView.as_view(), name="cadre_log_create"),
    path("cadre-logs/<int:pk>/delete/", cadres.cadre_log_delete_view, name="cadre_log_delete"),
]
