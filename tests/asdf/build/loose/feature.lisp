(pushnew :loose-feature *features*)
