app_name = "annualstats"
urlpatterns = []
