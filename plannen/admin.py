"""Plans hold case content: the functioneel beheerder does not see them in the admin (section 2
of the design). Nothing is registered here on purpose."""
