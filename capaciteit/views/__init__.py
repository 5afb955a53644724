"""The capacity pages: the coordinator's planning of the frames and its publication, a school's frame, the
follow-up, the week plan, and a supporter's week with its calendar feed. Views read (`capaciteit.queries`),
call one service per change (`capaciteit.services`) and show what `capaciteit.rekenen` computed."""
