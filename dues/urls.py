from django.urls import path

from .views import ledgers, payments, profiles, reliefs

app_name = "dues"
urlpatterns = [
    path("", ledgers.LedgerListView.as_view(), name="ledger_list"),
    path("ledgers/new/", ledgers.LedgerCreateView.as_view(), name="ledger_create"),
    path("ledgers/<int:pk>/", ledgers.LedgerDetailView.as_view(), name="ledger_detail"),
    path("ledgers/<int:pk>/regenerate/", ledgers.ledger_update_view, name="ledger_update"),
    path("lines/<int:parent_pk>/pay/", payments.PaymentCreateView.as_view(), name="payment_create"),
    path("payments/", payments.PaymentListView.as_view(), name="payment_list"),
    path("payments/<int:pk>/delete/", payments.PaymentDeleteView.as_view(), name="payment_delete"),
    path("profiles/", profiles.ProfileListView.as_view(), name="profile_list"),
    path("profiles/new/", profiles.ProfileCreateView.as_view(), name="profile_create"),
    path("profiles/<int:pk>/edit/", profiles.ProfileUpdateView.as_view(), name="profile_update"),
    path("reliefs/", reliefs.ReliefListView.as_view(), name="relief_list"),
    path("reliefs/new/", reliefs.ReliefCreateView.as_view(), name="relief_create"),
    path("reliefs/<int:pk>/decide/", reliefs.ReliefDecideView.as_view(), name="relief_decide"),
]
