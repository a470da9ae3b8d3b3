app_name = "lapse"
urlpatterns = []
