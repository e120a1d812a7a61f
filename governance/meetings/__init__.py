"""Meetings of a body: planning, standard agendas, agenda builder, papers, attendance."""
