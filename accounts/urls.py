from django.contrib.auth import views as auth_views
from django.urls import path

from . import otp, views

app_name = "accounts"
urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/", views.password_change_view, name="password_change"),
    path("password/setup/", views.password_setup_view, name="password_setup"),
    path("users/", views.user_list_view, name="user_list"),
    path("users/new/", views.user_create_view, name="user_create"),
    path("users/<int:pk>/", views.user_update_view, name="user_update"),
    path("users/<int:pk>/password/", views.user_reset_password_view, name="user_reset_password"),
    path("users/<int:pk>/otp-reset/", views.user_reset_otp_view, name="user_reset_otp"),
    path("users/<int:pk>/unlock/", views.user_unlock_view, name="user_unlock"),
    path("approvals/", views.approval_list_view, name="approval_list"),
    path("approvals/grants/<int:pk>/", views.grant_decide_view, name="grant_decide"),
    path("approvals/codes/<int:pk>/", views.code_decide_view, name="code_decide"),
    path("audit/", views.audit_log_view, name="audit_log"),
    path("otp/", otp.otp_verify_view, name="otp_verify"),
    path("otp/setup/", otp.otp_setup_view, name="otp_setup"),
]
