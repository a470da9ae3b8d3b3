app_name = "earlywarning"
urlpatterns = []
