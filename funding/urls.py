from django.urls import path

from .views import allocations, index, ledgers, projects, venues

app_name = "funding"
urlpatterns = [
    path("", index.index_view, name="index"),
    path("allocations/", allocations.AllocationListView.as_view(), name="allocation_list"),
    path("allocations/new/", allocations.AllocationCreateView.as_view(), name="allocation_create"),
    path("allocations/<int:pk>/", allocations.AllocationDetailView.as_view(), name="allocation_detail"),
    path("allocations/<int:pk>/edit/", allocations.AllocationUpdateView.as_view(), name="allocation_update"),
    path("accounts/", ledgers.AccountListView.as_view(), name="account_list"),
    path("accounts/new/", ledgers.AccountCreateView.as_view(), name="account_create"),
    path("accounts/<int:pk>/", ledgers.AccountDetailView.as_view(), name="account_detail"),
    path("accounts/<int:pk>/edit/", ledgers.AccountUpdateView.as_view(), name="account_update"),
    path("accounts/<int:pk>/ledgers/new/", ledgers.LedgerCreateView.as_view(), name="ledger_create"),
    path("expenditures/", ledgers.ExpenditureListView.as_view(), name="expenditure_list"),
    path("expenditures/new/", ledgers.ExpenditureCreateView.as_view(), name="expenditure_create"),
    path("expenditures/<int:pk>/", ledgers.ExpenditureDetailView.as_view(), name="expenditure_detail"),
    path("expenditures/<int:pk>/delete/", ledgers.ExpenditureDeleteView.as_view(), name="expenditure_delete"),
    path("venues/", venues.VenueListView.as_view(), name="venue_list"),
    path("venues/new/", venues.VenueCreateView.as_view(), name="venue_create"),
    path("venues/<int:pk>/", venues.VenueDetailView.as_view(), name="venue_detail"),
    path("venues/<int:pk>/edit/", venues.VenueUpdateView.as_view(), name="venue_update"),
    path("projects/", projects.ProjectListView.as_view(), name="project_list"),
    path("projects/new/", projects.ProjectCreateView.as_view(), name="project_create"),
    path("projects/<int:pk>/", projects.ProjectDetailView.as_view(), name="project_detail"),
    path("projects/<int:pk>/edit/", projects.ProjectUpdateView.as_view(), name="project_update"),
]
