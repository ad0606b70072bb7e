"""Routes of the scorecards app for one area (hiring packets); scorecards/urls.py joins them."""

from django.urls import path

from scorecards.packets import views as packet_views

urlpatterns: list = [
    path("packets/", packet_views.packet_list, name="packet-list"),
    path("candidates/<int:pk>/packet/", packet_views.packet, name="packet"),
    path("candidates/<int:pk>/packet.pdf", packet_views.packet_pdf, name="packet-pdf"),
    path("candidates/<int:pk>/summary.pdf", packet_views.summary_pdf, name="summary-pdf"),
    path("candidates/<int:pk>/decision/", packet_views.packet_decision, name="packet-decision"),
]
