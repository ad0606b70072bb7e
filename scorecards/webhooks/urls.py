"""Routes of the admins' webhook pages (namespace "webhooks")."""

from django.urls import path

from scorecards.webhooks import views

app_name = "webhooks"

urlpatterns = [
    path("", views.endpoint_list, name="endpoint-list"),
    path("<int:pk>/", views.endpoint_detail, name="endpoint"),
    path("<int:pk>/toggle/", views.endpoint_toggle, name="endpoint-toggle"),
    path("deliveries/", views.delivery_list, name="delivery-list"),
    path("deliveries/<int:pk>/", views.delivery_detail, name="delivery"),
    path("deliveries/<int:pk>/resend/", views.delivery_resend, name="delivery-resend"),
]
