from django.urls import reverse


def test_login_page_labels_every_field(client, db):
    html = client.get(reverse("login")).content.decode()
    assert '<label class="form-label" for="id_username">Username</label>' in html
    assert '<label class="form-label" for="id_password">Password</label>' in html


def test_a_wrong_password_keeps_the_username_and_says_why(client, interviewer):
    response = client.post(reverse("login"), {"username": "interviewer", "password": "nope"})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'value="interviewer"' in html
    assert "enter a correct username and password" in html


def test_logout_is_a_post_and_ends_the_session(client, interviewer):
    client.force_login(interviewer)
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert client.get(reverse("kits:role-list")).status_code == 302


def test_a_user_changes_their_password_from_their_settings_and_stays_logged_in(client, interviewer):
    client.force_login(interviewer)
    home = client.get(reverse("profile")).content.decode()
    assert f'href="{reverse("password_change")}"' in home
    url = reverse("password_change")
    wrong = client.post(
        url,
        {
            "old_password": "nope",
            "new_password1": "a-new-pass-9x",
            "new_password2": "a-new-pass-9x",
        },
    )
    assert wrong.status_code == 200
    assert "Your old password was entered incorrectly" in wrong.content.decode()
    response = client.post(
        url,
        {
            "old_password": "pw-for-tests",
            "new_password1": "a-new-pass-9x",
            "new_password2": "a-new-pass-9x",
        },
    )
    assert response.status_code == 302
    assert response.url == reverse("password_change_done")
    assert client.get(response.url).status_code == 200
    interviewer.refresh_from_db()
    assert interviewer.check_password("a-new-pass-9x")
