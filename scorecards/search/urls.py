from django.urls import path

from scorecards.search import views as search_views

urlpatterns = [path("search/", search_views.candidate_search, name="search")]
