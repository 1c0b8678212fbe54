"""A small content tree with one page of every kind, for tests that break it on purpose."""
import textwrap
from pathlib import Path

from site_generator.frontmatter import split_front_matter
from site_generator.revisions import source_revision

FILES = {
    "en/work/find-a-job.md": """\
        ---
        id: find-a-job
        kind: guide
        topic: work
        title: Find a job
        summary: Where to look for work.
        audiences: [worker]
        updated: 2026-10-01
        review_by: 2027-04-01
        ---
        Read about [the job centre](id:job-centre) and the [steps](id:get-a-permit#apply).
        Words: [work permit](id:work-permit).

        ## Where to look {#where}

        Look online and ask friends.
        """,
    "en/residence/get-a-permit.md": """\
        ---
        id: get-a-permit
        kind: steps
        topic: residence
        title: Get a permit
        summary: Three steps to a permit.
        audiences: []
        updated: 2026-10-02
        review_by: 2027-04-01
        steps:
          - id: book
            title: Book an appointment
            body: Call the office.
            documents: [Passport]
          - id: apply
            title: Apply
            either:
              - title: Online
                body: Use the form.
              - title: At the office
                body: Bring your papers.
                documents: [Passport, Photo]
          - id: collect
            title: Collect the card
            optional: true
            body: Or ask for it by post.
        ---
        Intro text.
        """,
    "en/organizations/welcome-office.md": """\
        ---
        id: welcome-office
        kind: organization
        topic: residence
        title: Welcome Office
        summary: The city's office for newcomers.
        audiences: []
        updated: 2026-10-03
        review_by: 2027-04-01
        organization_type: public-office
        languages: [en, ar]
        ---
        We help newcomers.
        """,
    "en/services/job-centre.md": """\
        ---
        id: job-centre
        kind: service
        topic: work
        title: Job Centre
        summary: Advice about work.
        audiences: [worker]
        updated: 2026-10-04
        review_by: 2027-04-01
        organization: welcome-office
        address: {street: Main Street 1, postcode: "8010", city: Harborough}
        latitude: 47.07
        longitude: 15.43
        phone: "+43 316 555 0100"
        languages: [en, de]
        free: true
        walk_in: true
        no_id_needed: false
        barrier_free: true
        opening_hours:
          mon: ["08:00-12:00", "13:00-15:00"]
          sun: []
        appointment_only: [mon]
        ---
        Come by.
        """,
    "en/events/language-cafe.md": """\
        ---
        id: language-cafe
        kind: event
        topic: education
        title: Language café
        summary: Practise talking.
        audiences: []
        updated: 2026-10-05
        review_by: 2027-04-01
        start: 2026-09-01T18:00
        end: 2026-09-01T20:00
        recurrence: FREQ=WEEKLY;BYDAY=TU
        place: {name: Library, address: {street: Book Lane 2, postcode: "8010", city: Harborough}, latitude: 47.07, longitude: 15.44}
        ---
        Every Tuesday.
        """,
    "en/glossary/work-permit.md": """\
        ---
        id: work-permit
        kind: term
        topic: work
        title: Work permit
        summary: A paper that allows you to work.
        audiences: []
        updated: 2026-10-06
        review_by: 2027-04-01
        ---
        """,
}


def revision_of(root, relative):
    text = (Path(root) / relative).read_text(encoding="utf-8")
    front_matter, body, _ = split_front_matter(text, relative)
    return source_revision(front_matter, body)


def write_small_site(root):
    root = Path(root)
    for relative, text in FILES.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    current = revision_of(root, "en/work/find-a-job.md")
    write_translation(root, "ar/work/find-a-job.md", f"""\
        ---
        id: find-a-job
        kind: guide
        topic: work
        title: ابحث عن عمل
        summary: أين تبحث عن عمل.
        audiences: [worker]
        updated: 2026-10-10
        review_by: 2027-04-01
        translation:
          status: reviewed
          source_revision: {current}
          reviewed_by: Layla Haddad
          reviewed_on: 2026-10-10
        ---
        اقرأ عن [مركز العمل](id:job-centre) و[الخطوات](id:get-a-permit#apply).
        [تصريح العمل](id:work-permit).

        ## أين تبحث {{#where}}

        ابحث على الإنترنت.
        """)
    write_translation(root, "fr/work/find-a-job.md", f"""\
        ---
        id: find-a-job
        kind: guide
        topic: work
        title: Trouver un emploi
        summary: Où chercher du travail.
        audiences: [worker]
        updated: 2026-10-11
        review_by: 2027-04-01
        translation:
          status: machine
          source_revision: {current}
        ---
        Lisez [le centre](id:job-centre).

        ## Où chercher {{#where}}

        Cherchez en ligne.
        """)
    write_translation(root, "uk/work/find-a-job.md", """\
        ---
        id: find-a-job
        kind: guide
        topic: work
        title: Знайти роботу
        summary: Де шукати роботу.
        audiences: [worker]
        updated: 2026-09-01
        review_by: 2027-04-01
        translation:
          status: reviewed
          source_revision: 1f0e2d3c4b5a
          reviewed_by: Olena Koval
          reviewed_on: 2026-09-01
        ---
        Шукайте онлайн.

        ## Де шукати {#where}
        """)
    return root


def write_translation(root, relative, text):
    path = Path(root) / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
